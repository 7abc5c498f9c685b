"use client";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/confirm-button";
import { LazyProjectGeneralForm } from "@/components/lazy";
import { OwnerTeamCard } from "@/components/owner-team-card";
import { SettingSwitch } from "@/components/setting-switch";
import { Loaded, PageHeader } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useProject, useProjects } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function SettingsPage() {
  const owned = useProject();
  const { projects } = useProjects();
  const router = useRouter();
  const project = useAsync(() => owned.app.getProject(), [owned.id]);
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
                <LazyProjectGeneralForm
                  project={current}
                  onSaved={() => {
                    project.reload();
                    projects.reload();
                  }}
                />
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
