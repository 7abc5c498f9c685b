"use client";
import type { AdminTeamPermissionDefinition, ServerTeam, ServerTeamUser } from "@stackframe/stack";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { ConfirmButton } from "@/components/confirm-button";
import { DataTable } from "@/components/data-table";
import { EmptyState, Loaded } from "@/components/states";
import { UserAvatar } from "@/components/user-avatar";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";
import { LazyAddMemberForm } from "../lazy";
import { MemberPermissions } from "./member-permissions";

function memberName(member: ServerTeamUser): string {
  return member.teamProfile.displayName ?? member.displayName ?? member.primaryEmail ?? "Anonymous user";
}

export function TeamMembersCard({ team }: { team: ServerTeam }) {
  const app = useAdminApp();
  const project = useProject();
  const data = useAsync(async () => {
    const [members, grants, definitions] = await Promise.all([team.listUsers(), app.listTeamMemberPermissions(team.id), app.listTeamPermissionDefinitions()]);
    const granted = new Map<string, string[]>();
    for (const grant of grants) granted.set(grant.userId, [...(granted.get(grant.userId) ?? []), grant.permissionId].sort());
    return { members, granted, definitions };
  }, [team.id]);

  const columns = (granted: Map<string, string[]>, definitions: AdminTeamPermissionDefinition[]): ColumnDef<ServerTeamUser>[] => [
    {
      id: "member",
      header: "Member",
      cell: ({ row }) => (
        <Link
          href={`/projects/${project.id}/users/${row.original.id}`}
          className="flex items-center gap-3 rounded-sm focus-visible:outline-2 focus-visible:outline-ring"
        >
          <UserAvatar user={row.original} />
          <span className="flex min-w-0 flex-col">
            <span className="truncate font-medium">{memberName(row.original)}</span>
            <span className="truncate text-xs text-muted-foreground">{row.original.primaryEmail ?? row.original.id}</span>
          </span>
        </Link>
      ),
    },
    {
      id: "permissions",
      header: "Team permissions",
      cell: ({ row }) => (
        <MemberPermissions
          team={team}
          member={row.original}
          memberName={memberName(row.original)}
          granted={granted.get(row.original.id) ?? []}
          definitions={definitions}
          onChange={data.reload}
        />
      ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <ConfirmButton
          size="sm"
          variant="outline"
          title={`Remove ${memberName(row.original)} from the team?`}
          description="They lose their permissions in this team. Their account stays as it is."
          confirmLabel="Remove member"
          aria-label={`Remove ${memberName(row.original)}`}
          onConfirm={async () => {
            await team.removeUser(row.original.id);
            data.reload();
          }}
        >
          Remove
        </ConfirmButton>
      ),
    },
  ];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>Who is in the team, and the permissions granted to each of them here.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <LazyAddMemberForm team={team} onAdded={data.reload} />
        <Loaded state={data} rows={3}>
          {({ members, granted, definitions }) =>
            members.length === 0 ? (
              <EmptyState title="No members yet">Add someone above, or send an invitation below.</EmptyState>
            ) : (
              <DataTable caption="Team members" columns={columns(granted, definitions)} rows={members} rowId={(member) => member.id} />
            )
          }
        </Loaded>
      </CardContent>
    </Card>
  );
}
