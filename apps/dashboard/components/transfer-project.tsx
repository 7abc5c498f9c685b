"use client";
import type { Team } from "@stackframe/stack";
import { useState } from "react";
import { errorMessage } from "@/lib/errors";
import { useProject, useProjects } from "@/lib/projects";
import { FormError } from "./form";
import { Button } from "./ui/button";
import { Label } from "./ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./ui/select";

/** Hands the project to another of the operator's teams (the backend asks for team_admin in the current one). */
export function TransferProject({ teams, ownerTeamId, onTransferred }: { teams: Team[]; ownerTeamId: string; onTransferred: () => void }) {
  const project = useProject();
  const { projects } = useProjects();
  const others = teams.filter((team) => team.id !== ownerTeamId);
  const [choice, setChoice] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (others.length === 0) return <p className="text-sm text-muted-foreground">To move the project to another team, create or join one first.</p>;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor="transfer-team">Move to another of your teams</Label>
      <div className="flex gap-2">
        <Select value={choice} onValueChange={setChoice}>
          <SelectTrigger id="transfer-team" className="max-w-xs">
            <SelectValue placeholder="Choose a team" />
          </SelectTrigger>
          <SelectContent>
            {others.map((team) => (
              <SelectItem key={team.id} value={team.id}>
                {team.displayName}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button
          variant="outline"
          disabled={!choice}
          onClick={async () => {
            try {
              await project.transfer(choice);
              setMessage({ text: `Moved to ${others.find((team) => team.id === choice)?.displayName}.`, error: false });
              setChoice("");
              projects.reload();
              onTransferred();
            } catch (caught) {
              setMessage({ text: errorMessage(caught), error: true });
            }
          }}
        >
          Move project
        </Button>
      </div>
      {message?.error ? <FormError message={message.text} /> : message ? <output className="block text-sm text-success">{message.text}</output> : null}
    </div>
  );
}
