"use client";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { EmptyState, Loaded, PageHeader } from "@/components/states";
import { LazyMetadataCard, LazyTeamInvitationsCard, LazyTeamMembersCard, LazyTeamProfileCard } from "@/components/lazy";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAdminApp, useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export default function TeamPage() {
  const { teamId } = useParams<{ teamId: string }>();
  const app = useAdminApp();
  const project = useProject();
  const router = useRouter();
  const team = useAsync(() => app.getTeam(teamId), [app, teamId]);
  const [changes, setChanges] = useState(0);
  const changed = () => {
    setChanges((count) => count + 1);
    team.reload();
  };
  const teamsUrl = `/projects/${project.id}/teams`;
  return (
    <>
      <Link href={teamsUrl} className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All teams
      </Link>
      <Loaded state={team} rows={6}>
        {(found) =>
          found === null ? (
            <EmptyState title="Team not found">It may have been deleted.</EmptyState>
          ) : (
            <>
              <PageHeader title={found.displayName || "Unnamed team"} description={found.id} />
              <div className="flex flex-col gap-6">
                <LazyTeamProfileCard team={found} onChange={changed} />
                <LazyMetadataCard
                  key={`metadata-${changes}`}
                  idPrefix="team"
                  owner={found}
                  clientHint="Read and written by your app, for members allowed to update the team."
                  update={(change) => found.update(change)}
                />
                <LazyTeamMembersCard team={found} />
                <LazyTeamInvitationsCard team={found} />
                <Card className="border-destructive/40">
                  <CardHeader>
                    <CardTitle>Delete team</CardTitle>
                    <CardDescription>Its memberships, permissions, invitations and API keys are deleted with it. The users stay.</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <ConfirmButton
                      title="Delete this team?"
                      description="This cannot be undone."
                      confirmLabel="Delete team"
                      typeToConfirm={found.displayName || found.id}
                      onConfirm={async () => {
                        await found.delete();
                        router.push(teamsUrl);
                      }}
                    >
                      Delete team
                    </ConfirmButton>
                  </CardContent>
                </Card>
              </div>
            </>
          )
        }
      </Loaded>
    </>
  );
}
