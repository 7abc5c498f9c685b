"use client";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useProjectConfig } from "@/lib/config";
import { zodResolver } from "@/lib/zod-resolver";

// The backend has the final word on ids; this catches what it would refuse before the round trip.
const schema = z.object({
  id: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Give the store an id, like provider-tokens."),
      z.maxLength(63, "An id has at most 63 characters."),
      z.regex(/^[a-zA-Z0-9_][a-zA-Z0-9_-]*$/, "Use letters, digits, _ and - (not first)."),
    ),
  displayName: z.string().check(z.trim(), z.maxLength(256, "A name has at most 256 characters.")),
});

type Values = z.infer<typeof schema>;

/** Adds a data vault store to the project's environment config; an id the backend refuses shows its message here. */
export function AddStoreForm() {
  const { update } = useProjectConfig();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { id: "", displayName: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const ok = await submitTo(form, "id", () => update({ [`dataVault.stores.${values.id}`]: { displayName: values.displayName || values.id } }));
    if (ok) form.reset();
  });
  return (
    <form onSubmit={onSubmit} className="grid items-start gap-3 sm:grid-cols-[14rem_1fr_auto]" noValidate>
      <Field id="store-id" label="Id" error={errors.id?.message}>
        {(props) => <Input {...props} {...form.register("id")} placeholder="provider-tokens" autoComplete="off" />}
      </Field>
      <Field id="store-name" label="Name" error={errors.displayName?.message}>
        {(props) => <Input {...props} {...form.register("displayName")} placeholder="Provider tokens" autoComplete="off" />}
      </Field>
      <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
        Add store
      </Button>
    </form>
  );
}
