"use client";
import type { Team } from "@stackframe/stack";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { errorMessage } from "@/lib/errors";
import { useProjects } from "@/lib/projects";
import { useAsync } from "@/lib/use-async";
import { FormError } from "./form";
import { TransferProject } from "./transfer-project";
import { Loaded } from "./states";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Label } from "./ui/label";

/** The team of operators that manages the project: every member may open and change it here. */
export function OwnerTeamCard({ ownerTeamId, onTransferred }: { ownerTeamId: string | null; onTransferred: () => void }) {
  const { user } = useProjects();
  const data = useAsync(async () => {
    const teams: Team[] = (await user?.listTeams()) ?? [];
    const team = teams.find((candidate) => candidate.id === ownerTeamId);
    return { teams, team: team ?? null, members: team ? await team.listUsers().catch(() => null) : null };
  }, [user?.id, ownerTeamId]);
  const [email, setEmail] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Owner team</CardTitle>
        <CardDescription>Everyone in this team can see and manage the project.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Loaded state={data} rows={2}>
          {({ teams, team, members }) =>
            team === null ? (
              <p className="text-sm text-muted-foreground">You manage this project through a team you cannot see the details of.</p>
            ) : (
              <>
                <p className="text-sm">
                  <span className="font-medium">{team.displayName}</span> <span className="font-mono text-xs text-muted-foreground">{team.id}</span>
                </p>
                {members ? (
                  <ul className="flex flex-col gap-1 text-sm" aria-label="Members of the owner team">
                    {members.map((member) => (
                      <li key={member.id}>
                        {member.teamProfile.displayName ?? member.id}
                        {member.id === user?.id ? <span className="text-muted-foreground"> (you)</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-muted-foreground">You may not list this team's members.</p>
                )}
                <form
                  className="flex flex-col gap-1.5"
                  onSubmit={async (event) => {
                    event.preventDefault();
                    try {
                      await team.inviteUser({ email, callbackUrl: `${window.location.origin}/handler/team-invitation` });
                      setMessage({ text: `Invitation sent to ${email}.`, error: false });
                      setEmail("");
                    } catch (caught) {
                      setMessage({ text: errorMessage(caught), error: true });
                    }
                  }}
                >
                  <Label htmlFor="invite-operator">Invite a teammate</Label>
                  <div className="flex gap-2">
                    <Input id="invite-operator" type="email" value={email} onChange={(event) => setEmail(event.target.value)} placeholder="teammate@example.com" />
                    <Button type="submit" variant="outline" disabled={!email}>
                      Send invitation
                    </Button>
                  </div>
                </form>
                {message?.error ? <FormError message={message.text} /> : message ? <output className="block text-sm text-success">{message.text}</output> : null}
                <div className="border-t pt-4">
                  <TransferProject teams={teams} ownerTeamId={team.id} onTransferred={onTransferred} />
                </div>
              </>
            )
          }
        </Loaded>
      </CardContent>
    </Card>
  );
}
