"use client";
import { zodResolver } from "@/lib/zod-resolver";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { ConfirmButton } from "@/components/confirm-button";
import { Field, submitTo } from "@/components/form";
import { OwnerTeamCard } from "@/components/owner-team-card";
import { SettingSwitch } from "@/components/setting-switch";
import { Loaded, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, Textarea } from "@/components/ui/input";
import { useProject, useProjects } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

const schema = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1, "Give the project a name."), z.maxLength(256, "A project name has at most 256 characters.")),
  description: z.string().check(z.maxLength(4096, "A description has at most 4096 characters.")),
});

type Values = z.infer<typeof schema>;

export default function SettingsPage() {
  const owned = useProject();
  const { projects } = useProjects();
  const router = useRouter();
  const project = useAsync(() => owned.app.getProject(), [owned.id]);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: project.status === "ready" ? { displayName: project.data.displayName, description: project.data.description ?? "" } : undefined,
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (project.status !== "ready") return;
    const ok = await submitTo(form, "displayName", () => project.data.update({ displayName: values.displayName, description: values.description }));
    if (ok) {
      project.reload();
      projects.reload();
    }
  });
  return (
    <>
      <PageHeader title="Project settings" />
      <Loaded state={project}>
        {(current) => (
          <div className="flex flex-col gap-6">
            <Card>
              <CardHeader>
                <CardTitle>General</CardTitle>
              </CardHeader>
              <CardContent>
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
                <div className="mt-6 max-w-xl border-t pt-2">
                  <SettingSwitch
                    id="production-mode"
                    label="Production mode"
                    description="Marks the project as live. Turn it on once your domains are set and localhost is no longer trusted."
                    checked={current.isProductionMode}
                    onChange={async (checked) => {
                      await current.update({ isProductionMode: checked });
                      project.reload();
                    }}
                  />
                </div>
              </CardContent>
            </Card>
            <OwnerTeamCard ownerTeamId={current.ownerTeamId} onTransferred={project.reload} />
            <Card className="border-destructive/50">
              <CardHeader>
                <CardTitle>Delete project</CardTitle>
                <CardDescription>Deletes every user, team, key and setting of the project. This cannot be undone.</CardDescription>
              </CardHeader>
              <CardContent>
                <ConfirmButton
                  title={`Delete ${current.displayName}?`}
                  description="Every app using this project stops working at once."
                  confirmLabel="Delete project"
                  typeToConfirm={current.displayName}
                  onConfirm={async () => {
                    await current.delete();
                    projects.reload();
                    router.push("/");
                  }}
                >
                  Delete project
                </ConfirmButton>
              </CardContent>
            </Card>
          </div>
        )}
      </Loaded>
    </>
  );
}
