"use client";
import type { ServerUser } from "@stackframe/stack";
import { GrantedPermissions } from "@/components/granted-permissions";
import { Loaded } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAdminApp } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export function PermissionsCard({ user }: { user: ServerUser }) {
  const app = useAdminApp();
  const data = useAsync(async () => {
    const [granted, definitions] = await Promise.all([user.listPermissions({ recursive: false }), app.listProjectPermissionDefinitions()]);
    return { granted: granted.map((permission) => permission.id), definitions };
  }, [user.id]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Project permissions</CardTitle>
        <CardDescription>Granted directly, across the whole project.</CardDescription>
      </CardHeader>
      <CardContent>
        <Loaded state={data} rows={2}>
          {({ granted, definitions }) => (
            <GrantedPermissions
              granted={granted}
              definitions={definitions}
              labels={{ list: "Granted permissions", select: "Permission to grant", revoke: (id) => `Revoke ${id}`, nothingLeft: "No permission left to grant" }}
              grant={(id) => user.grantPermission(id)}
              revoke={(id) => user.revokePermission(id)}
              onChange={data.reload}
            />
          )}
        </Loaded>
      </CardContent>
    </Card>
  );
}
