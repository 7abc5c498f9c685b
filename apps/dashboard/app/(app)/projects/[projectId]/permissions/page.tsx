"use client";
import { LazyDefaultPermissionsCard } from "@/components/lazy";
import { PermissionDefinitionsTab } from "@/components/permissions/permission-definitions-tab";
import { Loaded, PageHeader } from "@/components/states";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useProjectConfig } from "@/lib/config";
import { useAdminApp } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function PermissionsPage() {
  const app = useAdminApp();
  const projectConfig = useProjectConfig();
  const definitions = useAsync(async () => {
    const [team, project] = await Promise.all([app.listTeamPermissionDefinitions(), app.listProjectPermissionDefinitions()]);
    return { team, project };
  }, [app]);
  // Deleting a permission also takes it out of the defaults, so both are read again after any change.
  const changed = () => {
    definitions.reload();
    projectConfig.state.reload();
  };
  return (
    <>
      <PageHeader title="Permissions" description="What users may do, in each team or across the project, and what they get by default." />
      <Loaded state={definitions} rows={6}>
        {({ team, project }) => (
          <div className="flex flex-col gap-6">
            <Tabs defaultValue="team">
              <TabsList aria-label="Kind of permission">
                <TabsTrigger value="team">Team permissions</TabsTrigger>
                <TabsTrigger value="project">Project permissions</TabsTrigger>
              </TabsList>
              <TabsContent value="team">
                <PermissionDefinitionsTab scope="team" definitions={team} onChange={changed} />
              </TabsContent>
              <TabsContent value="project">
                <PermissionDefinitionsTab scope="project" definitions={project} onChange={changed} />
              </TabsContent>
            </Tabs>
            <LazyDefaultPermissionsCard projectConfig={projectConfig} team={team} project={project} />
          </div>
        )}
      </Loaded>
    </>
  );
}
