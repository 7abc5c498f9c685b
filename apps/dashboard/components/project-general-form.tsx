"use client";
import type { AdminAppProject } from "@stackframe/stack";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { zodResolver } from "@/lib/zod-resolver";
import { Field, submitTo } from "./form";
import { Button } from "./ui/button";
import { Input, Textarea } from "./ui/input";

const schema = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1, "Give the project a name."), z.maxLength(256, "A project name has at most 256 characters.")),
  description: z.string().check(z.maxLength(4096, "A description has at most 4096 characters.")),
});

type Values = z.infer<typeof schema>;

/** The project's name and description; a refusal shows next to the name. */
export function ProjectGeneralForm({ project, onSaved }: { project: AdminAppProject; onSaved: () => void }) {
  const form = useForm<Values>({ resolver: zodResolver(schema), values: { displayName: project.displayName, description: project.description ?? "" } });
  const { errors, isDirty, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (await submitTo(form, "displayName", () => project.update({ displayName: values.displayName, description: values.description }))) onSaved();
  });
  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <Field id="settings-name" label="Project name" error={errors.displayName?.message}>
        {(props) => <Input {...props} {...form.register("displayName")} autoComplete="off" />}
      </Field>
      <Field id="settings-description" label="Description" error={errors.description?.message}>
        {(props) => <Textarea {...props} {...form.register("description")} className="font-sans" rows={3} />}
      </Field>
      <Button type="submit" className="self-start" disabled={!isDirty || isSubmitting}>
        {isSubmitting ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
