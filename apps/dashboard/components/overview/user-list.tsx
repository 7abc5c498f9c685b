import type { ServerUser } from "@stackframe/stack";
import Link from "next/link";
import { UserAvatar } from "@/components/user-avatar";
import { formatDateTime } from "@/lib/format";

export function UserList({ users, base, when, empty }: { users: readonly ServerUser[]; base: string; when: (user: ServerUser) => Date; empty: string }) {
  if (users.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {users.map((user) => (
        <li key={user.id}>
          <Link href={`${base}/users/${user.id}`} className="flex items-center gap-3 rounded-sm focus-visible:outline-2 focus-visible:outline-ring">
            <UserAvatar user={user} />
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="truncate text-sm font-medium">{user.displayName ?? user.primaryEmail ?? "Anonymous user"}</span>
              <span className="truncate text-xs text-muted-foreground">{formatDateTime(when(user))}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
