"use client";
import type { AdminTeamPermissionDefinition, ServerTeam, ServerUser } from "@stackframe/stack";
import { GrantedPermissions } from "@/components/granted-permissions";

/** One member's direct permissions in the team: each can be revoked, and any other team permission granted. */
export function MemberPermissions({
  team,
  member,
  memberName,
  granted,
  definitions,
  onChange,
}: {
  team: ServerTeam;
  member: ServerUser;
  memberName: string;
  granted: string[];
  definitions: AdminTeamPermissionDefinition[];
  onChange: () => void;
}) {
  return (
    <GrantedPermissions
      compact
      granted={granted}
      definitions={definitions}
      labels={{
        list: `Permissions of ${memberName}`,
        select: `Team permission to grant to ${memberName}`,
        grant: (choice) => (choice ? `Grant ${choice} to ${memberName}` : `Grant a permission to ${memberName}`),
        revoke: (id) => `Revoke ${id} from ${memberName}`,
        nothingLeft: "All granted",
      }}
      grant={(id) => member.grantPermission(team, id)}
      revoke={(id) => member.revokePermission(team, id)}
      onChange={onChange}
    />
  );
}
