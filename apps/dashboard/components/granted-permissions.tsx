"use client";
import { X } from "lucide-react";
import { useState } from "react";
import { cn } from "@/lib/cn";
import { errorMessage } from "@/lib/errors";
import { FormError } from "./form";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./ui/select";

export type GrantedPermissionsLabels = {
  list: string;
  select: string;
  /** The grant button's accessible name for the permission chosen (or none yet); its visible text is "Grant". */
  grant?: (choice: string) => string;
  revoke: (id: string) => string;
  nothingLeft: string;
};

/** Direct grants as removable badges, and a picker to grant any other defined permission; refusals show below. */
export function GrantedPermissions({
  granted,
  definitions,
  labels,
  compact = false,
  grant,
  revoke,
  onChange,
}: {
  granted: string[];
  definitions: { id: string }[];
  labels: GrantedPermissionsLabels;
  compact?: boolean;
  grant: (id: string) => Promise<void>;
  revoke: (id: string) => Promise<void>;
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
    <div className={cn("flex flex-col", compact ? "gap-2" : "gap-4")}>
      <ul className={cn("flex flex-wrap", compact ? "gap-1.5" : "gap-2")} aria-label={labels.list}>
        {granted.length === 0 ? <li className={cn("text-muted-foreground", compact ? "text-xs" : "text-sm")}>None granted.</li> : null}
        {granted.map((id) => (
          <li key={id}>
            <Badge className="gap-1 pr-1 font-mono">
              {id}
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-background/50 focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={labels.revoke(id)}
                onClick={() => run(() => revoke(id))}
              >
                <X className="size-3" aria-hidden />
              </button>
            </Badge>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Select value={choice} onValueChange={setChoice}>
          <SelectTrigger className={compact ? "h-8 max-w-52 text-xs" : "max-w-xs"} aria-label={labels.select}>
            <SelectValue placeholder={grantable.length ? "Choose a permission" : labels.nothingLeft} />
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
          size={compact ? "sm" : "default"}
          variant="outline"
          disabled={!choice}
          aria-label={labels.grant?.(choice)}
          onClick={() =>
            run(async () => {
              await grant(choice);
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
