"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/errors";
import { Label } from "./ui/label";
import { Switch } from "./ui/switch";

/** One on/off setting that saves as soon as it is flipped, and says so (or shows why the backend refused). */
export function SettingSwitch({
  id,
  label,
  description,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => Promise<void>;
}) {
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-start justify-between gap-6 py-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </div>
      <Switch
        id={id}
        aria-describedby={`${id}-description`}
        checked={pending ?? checked}
        disabled={pending !== null}
        onCheckedChange={async (next) => {
          setPending(next);
          try {
            await onChange(next);
            setError(null);
          } catch (caught) {
            setError(errorMessage(caught));
          } finally {
            setPending(null);
          }
        }}
      />
    </div>
  );
}
