"use client";
import type { AdminTeamPermissionDefinition, AdminTeamPermissionDefinitionCreateOptions, AdminTeamPermissionDefinitionUpdateOptions } from "@stackframe/stack";
import type { ColumnDef } from "@tanstack/react-table";
import { Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAdminApp } from "@/lib/projects";
import { LazyPermissionDefinitionDialog, useOpenedOnce } from "../lazy";
import type { DefinitionValues } from "./permission-definition-dialog";

export type PermissionScope = "team" | "project";

/** The six `$` team permissions every project has; the backend refuses to change or delete them. */
export const isBuiltInPermission = (id: string) => id.startsWith("$");

function useDefinitionMethods(scope: PermissionScope) {
  const app = useAdminApp();
  return scope === "team"
    ? {
        create: (options: AdminTeamPermissionDefinitionCreateOptions) => app.createTeamPermissionDefinition(options),
        update: (id: string, options: AdminTeamPermissionDefinitionUpdateOptions) => app.updateTeamPermissionDefinition(id, options),
        remove: (id: string) => app.deleteTeamPermissionDefinition(id),
      }
    : {
        create: (options: AdminTeamPermissionDefinitionCreateOptions) => app.createProjectPermissionDefinition(options),
        update: (id: string, options: AdminTeamPermissionDefinitionUpdateOptions) => app.updateProjectPermissionDefinition(id, options),
        remove: (id: string) => app.deleteProjectPermissionDefinition(id),
      };
}

export function PermissionDefinitionsTab({
  scope,
  definitions,
  onChange,
}: {
  scope: PermissionScope;
  definitions: AdminTeamPermissionDefinition[];
  onChange: () => void;
}) {
  const methods = useDefinitionMethods(scope);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dialogOpened = useOpenedOnce(dialogOpen);
  const [editing, setEditing] = useState<AdminTeamPermissionDefinition | null>(null);
  const scopeLabel = scope === "team" ? "Team" : "Project";
  const open = (definition: AdminTeamPermissionDefinition | null) => {
    setEditing(definition);
    setDialogOpen(true);
  };
  const save = async ({ id, description, containedPermissionIds }: DefinitionValues) => {
    if (editing) await methods.update(editing.id, { description, containedPermissionIds });
    else await methods.create({ id, description: description || undefined, containedPermissionIds });
    setDialogOpen(false);
    setEditing(null);
    onChange();
  };

  const columns: ColumnDef<AdminTeamPermissionDefinition>[] = [
    { id: "id", header: "Permission", cell: ({ row }) => <span className="font-mono text-sm font-medium">{row.original.id}</span> },
    { id: "description", header: "Description", cell: ({ row }) => row.original.description || <span className="text-muted-foreground">—</span> },
    {
      id: "contained",
      header: "Contains",
      cell: ({ row }) =>
        row.original.containedPermissionIds.length === 0 ? (
          <span className="text-muted-foreground">—</span>
        ) : (
          <ul className="flex flex-wrap gap-1" aria-label={`Permissions contained in ${row.original.id}`}>
            {row.original.containedPermissionIds.map((id) => (
              <li key={id}>
                <Badge variant="outline" className="font-mono">
                  {id}
                </Badge>
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        isBuiltInPermission(row.original.id) ? (
          <Badge>Built-in</Badge>
        ) : (
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="outline" aria-label={`Edit ${row.original.id}`} onClick={() => open(row.original)}>
              <Pencil aria-hidden /> Edit
            </Button>
            <ConfirmButton
              size="sm"
              variant="outline"
              title={`Delete ${row.original.id}?`}
              description="Every grant of it is revoked, and it is taken out of the permissions that contain it and out of the defaults."
              confirmLabel="Delete permission"
              aria-label={`Delete ${row.original.id}`}
              onConfirm={async () => {
                await methods.remove(row.original.id);
                onChange();
              }}
            >
              Delete
            </ConfirmButton>
          </div>
        ),
    },
  ];

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="flex flex-col gap-1">
          <CardTitle>{scopeLabel} permissions</CardTitle>
          <CardDescription>
            {scope === "team"
              ? "Granted to a member within one team; the $ permissions control what members may do to the team itself."
              : "Granted to a user across the whole project."}
          </CardDescription>
        </div>
        <Button size="sm" onClick={() => open(null)}>
          <Plus aria-hidden /> New {scope} permission
        </Button>
      </CardHeader>
      <CardContent>
        {definitions.length === 0 ? (
          <EmptyState title={`No ${scope} permissions yet`}>Create one to start granting it.</EmptyState>
        ) : (
          <DataTable caption={`${scopeLabel} permission definitions`} columns={columns} rows={definitions} rowId={(definition) => definition.id} />
        )}
      </CardContent>
      {dialogOpened ? (
        <LazyPermissionDefinitionDialog
          scopeLabel={scopeLabel}
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          definitions={definitions}
          editing={editing}
          onSave={save}
        />
      ) : null}
    </Card>
  );
}
