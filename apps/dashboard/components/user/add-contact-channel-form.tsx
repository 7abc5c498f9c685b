"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { ServerUser } from "@stackframe/stack";
import { Controller, useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";

const schema = z.object({
  email: z.string().check(z.trim(), z.minLength(1, "Enter an email address."), z.regex(z.regexes.email, "Enter an email address, like ada@example.com.")),
  usedForAuth: z.boolean(),
  isPrimary: z.boolean(),
});

type Values = z.infer<typeof schema>;

const OPTIONS = [
  { name: "usedForAuth", id: "contact-channel-used-for-auth", label: "Used for sign-in", hint: "The user can sign in with this address." },
  { name: "isPrimary", id: "contact-channel-primary", label: "Primary", hint: "Becomes the user's primary email." },
] as const;

/** Adds an email address to a user; the backend's refusals (taken, duplicate) appear under the address field. */
export function AddContactChannelForm({ user, onAdded }: { user: ServerUser; onAdded: (value: string) => void }) {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "", usedForAuth: false, isPrimary: false } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const ok = await submitTo(form, "email", () =>
      user.createContactChannel({ type: "email", value: values.email, usedForAuth: values.usedForAuth, isPrimary: values.isPrimary }),
    );
    if (!ok) return;
    form.reset();
    onAdded(values.email);
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3 border-t pt-4" noValidate>
      <Field id="contact-channel-email" label="Add an email address" error={errors.email?.message}>
        {(props) => <Input {...props} type="email" {...form.register("email")} placeholder="ada@example.com" autoComplete="off" className="max-w-sm" />}
      </Field>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {OPTIONS.map((option) => (
          <Controller
            key={option.name}
            control={form.control}
            name={option.name}
            render={({ field }) => (
              <div className="flex items-start gap-2">
                <Checkbox id={option.id} checked={field.value} onCheckedChange={(checked) => field.onChange(checked === true)} className="mt-0.5" />
                <label htmlFor={option.id} className="text-sm">
                  <span className="font-medium">{option.label}</span>
                  <span className="block text-xs text-muted-foreground">{option.hint}</span>
                </label>
              </div>
            )}
          />
        ))}
      </div>
      <Button type="submit" size="sm" variant="outline" className="self-start" disabled={isSubmitting}>
        {isSubmitting ? "Adding…" : "Add email"}
      </Button>
    </form>
  );
}
