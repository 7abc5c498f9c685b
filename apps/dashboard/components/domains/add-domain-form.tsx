"use client";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useProjectConfig } from "@/lib/config";
import { zodResolver } from "@/lib/zod-resolver";

// The backend checks the pattern itself (and refuses ones that are too wide); this only catches the obvious first.
const schema = z.object({
  baseUrl: z.string().check(z.trim(), z.minLength(1, "Enter the address of your app, like https://app.example.com."), z.maxLength(300, "A domain has at most 300 characters.")),
  handlerPath: z.string().check(z.trim(), z.startsWith("/", "The handler path starts with /, like /handler."), z.maxLength(300, "A path has at most 300 characters.")),
});

type Values = z.infer<typeof schema>;

/** Adds a trusted domain to the project's environment config; a refused pattern shows the backend's message here. */
export function AddDomainForm() {
  const { update } = useProjectConfig();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { baseUrl: "", handlerPath: "/handler" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const id = crypto.randomUUID();
    const ok = await submitTo(form, "baseUrl", () => update({ [`domains.trustedDomains.${id}`]: { baseUrl: values.baseUrl.replace(/\/$/, ""), handlerPath: values.handlerPath } }));
    if (ok) form.reset();
  });
  return (
    <form onSubmit={onSubmit} className="grid items-start gap-3 sm:grid-cols-[1fr_12rem_auto]" noValidate>
      <Field id="domain-base-url" label="Domain" error={errors.baseUrl?.message}>
        {(props) => <Input {...props} {...form.register("baseUrl")} placeholder="https://app.example.com" autoComplete="off" />}
      </Field>
      <Field id="domain-handler-path" label="Handler path" error={errors.handlerPath?.message}>
        {(props) => <Input {...props} {...form.register("handlerPath")} autoComplete="off" />}
      </Field>
      <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
        Add domain
      </Button>
    </form>
  );
}
