"use client";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { ActionsCard } from "@/components/user/actions-card";
import { ApiKeysCard } from "@/components/user/api-keys-card";
import { ContactChannelsCard } from "@/components/user/contact-channels-card";
import { PermissionsCard } from "@/components/user/permissions-card";
import { LazyMetadataCard, LazyProfileCard } from "@/components/lazy";
import { SessionsCard } from "@/components/user/sessions-card";
import { TeamsCard } from "@/components/user/teams-card";
import { UserAvatar } from "@/components/user-avatar";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function UserPage() {
  const { userId } = useParams<{ userId: string }>();
  const app = useAdminApp();
  const project = useProject();
  const user = useAsync(() => app.getUser(userId), [app, userId]);
  const [changes, setChanges] = useState(0);
  const changed = () => {
    setChanges((count) => count + 1);
    user.reload();
  };
  return (
    <>
      <Link href={`/projects/${project.id}/users`} className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All users
      </Link>
      <Loaded state={user} rows={6}>
        {(found) =>
          found === null ? (
            <EmptyState title="User not found">They may have been deleted.</EmptyState>
          ) : (
            <>
              <div className="flex items-center gap-3">
                <UserAvatar user={found} className="mb-6 size-10" />
                <PageHeader title={found.displayName ?? found.primaryEmail ?? "Anonymous user"} description={found.displayName ? (found.primaryEmail ?? undefined) : undefined} />
              </div>
              <div className="flex flex-col gap-6">
                <LazyProfileCard user={found} onChange={changed} />
                <ContactChannelsCard user={found} reloadKey={changes} onChange={changed} />
                <ActionsCard user={found} onChange={changed} />
                <LazyMetadataCard
                  key={`metadata-${changes}`}
                  idPrefix="user"
                  owner={found}
                  clientHint="Read and written by the user's own app."
                  update={(change) => found.update(change)}
                />
                <SessionsCard user={found} reloadKey={changes} />
                <div className="grid gap-6 md:grid-cols-2">
                  <TeamsCard user={found} />
                  <ApiKeysCard user={found} />
                </div>
                <PermissionsCard user={found} />
              </div>
            </>
          )
        }
      </Loaded>
    </>
  );
}
