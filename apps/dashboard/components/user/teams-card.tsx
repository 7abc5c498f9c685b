"use client";
import type { ServerUser } from "@stackframe/stack";
import Link from "next/link";
import { EmptyState, Loaded } from "@/components/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useProject } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";

export function TeamsCard({ user }: { user: ServerUser }) {
  const project = useProject();
  const teams = useAsync(() => user.listTeams(), [user.id]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Teams</CardTitle>
      </CardHeader>
      <CardContent>
        <Loaded state={teams} rows={2}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="Not in any team" />
            ) : (
              <ul className="flex flex-col gap-1 text-sm">
                {list.map((team) => (
                  <li key={team.id}>
                    <Link className="text-primary underline-offset-4 hover:underline" href={`/projects/${project.id}/teams/${team.id}`}>
                      {team.displayName}
                    </Link>
                    {user.selectedTeam?.id === team.id ? <span className="text-muted-foreground"> (selected)</span> : null}
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </CardContent>
    </Card>
  );
}
