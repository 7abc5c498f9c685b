"use client";
import type { AdminTeamPermissionDefinition, ServerTeam, ServerUser } from "@stackframe/stack";
import { X } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { errorMessage } from "@/lib/errors";

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
  const [choice, setChoice] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
      onChange();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const grantable = definitions.filter((definition) => !granted.includes(definition.id));
  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-wrap gap-1.5" aria-label={`Permissions of ${memberName}`}>
        {granted.length === 0 ? <li className="text-xs text-muted-foreground">None granted.</li> : null}
        {granted.map((id) => (
          <li key={id}>
            <Badge className="gap-1 pr-1 font-mono">
              {id}
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-background/50 focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={`Revoke ${id} from ${memberName}`}
                onClick={() => run(() => member.revokePermission(team, id))}
              >
                <X className="size-3" aria-hidden />
              </button>
            </Badge>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Select value={choice} onValueChange={setChoice}>
          <SelectTrigger className="h-8 max-w-52 text-xs" aria-label={`Team permission to grant to ${memberName}`}>
            <SelectValue placeholder={grantable.length ? "Choose a permission" : "All granted"} />
          </SelectTrigger>
          <SelectContent>
            {grantable.map((definition) => (
              <SelectItem key={definition.id} value={definition.id}>
                {definition.id}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button
          size="sm"
          variant="outline"
          disabled={!choice}
          aria-label={choice ? `Grant ${choice} to ${memberName}` : `Grant a permission to ${memberName}`}
          onClick={() =>
            run(async () => {
              await member.grantPermission(team, choice);
              setChoice("");
            })
          }
        >
          Grant
        </Button>
      </div>
      <FormError message={error ?? undefined} />
    </div>
  );
}
