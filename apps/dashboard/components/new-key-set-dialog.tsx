"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { InternalApiKeyFirstView } from "@stackframe/stack";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import * as z from "zod/mini";
import { useAdminApp } from "@/lib/projects";
import { Field, FormError, submitTo } from "./form";
import { Button } from "./ui/button";
import { Checkbox } from "./ui/checkbox";
import { Dialog, DialogContent, DialogFooter } from "./ui/dialog";
import { Input } from "./ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./ui/select";

const DAY = 24 * 60 * 60 * 1000;
const LIFETIMES = [
  { value: "1", label: "1 day" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "36500", label: "Never (100 years)" },
];

const schema = z
  .object({
    description: z.string().check(z.trim(), z.minLength(1, "Describe what the keys are for."), z.maxLength(256, "A description has at most 256 characters.")),
    lifetimeDays: z.string(),
    client: z.boolean(),
    server: z.boolean(),
    admin: z.boolean(),
  })
  .check(z.refine((values) => values.client || values.server || values.admin, { message: "Choose at least one key.", path: ["client"] }));

type Values = z.infer<typeof schema>;

/** Creates a key set; the full keys are on screen once, here, and never again. */
export function NewKeySetDialog({
  open,
  onOpenChange,
  onCreated,
}: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (keys: InternalApiKeyFirstView) => void }) {
  const app = useAdminApp();
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { description: "", lifetimeDays: "36500", client: true, server: true, admin: false },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setSubmitting(true);
    await submitTo(form, "description", async () => {
      const keys = await app.createInternalApiKey({
        description: values.description,
        expiresAt: new Date(Date.now() + Number(values.lifetimeDays) * DAY),
        hasPublishableClientKey: values.client,
        hasSecretServerKey: values.server,
        hasSuperSecretAdminKey: values.admin,
      });
      form.reset();
      onCreated(keys);
    });
    setSubmitting(false);
  });
  const kinds = [
    { name: "client", label: "Publishable client key", hint: "For browsers and apps; safe to ship." },
    { name: "server", label: "Secret server key", hint: "For your server only." },
    { name: "admin", label: "Super secret admin key", hint: "Full control of the project, as this dashboard has." },
  ] as const;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="New key set" description="The keys are shown once, right after you create them.">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <Field id="key-description" label="Description" error={errors.description?.message}>
            {(props) => <Input {...props} {...form.register("description")} placeholder="Production web app" autoComplete="off" />}
          </Field>
          <Field id="key-lifetime" label="Expires after">
            {(props) => (
              <Controller
                control={form.control}
                name="lifetimeDays"
                render={({ field }) => (
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger {...props}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {LIFETIMES.map((lifetime) => (
                        <SelectItem key={lifetime.value} value={lifetime.value}>
                          {lifetime.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            )}
          </Field>
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 text-sm font-medium">Keys in the set</legend>
            {kinds.map((kind) => (
              <Controller
                key={kind.name}
                control={form.control}
                name={kind.name}
                render={({ field }) => (
                  <div className="flex items-start gap-2">
                    <Checkbox id={`key-${kind.name}`} checked={field.value} onCheckedChange={(checked) => field.onChange(checked === true)} className="mt-0.5" />
                    <label htmlFor={`key-${kind.name}`} className="text-sm">
                      <span className="font-medium">{kind.label}</span>
                      <span className="block text-muted-foreground">{kind.hint}</span>
                    </label>
                  </div>
                )}
              />
            ))}
            <FormError message={errors.client?.message} />
          </fieldset>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={submitting}>
              {submitting ? "Creating…" : "Create keys"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
