"use client";
import type { AdminTeamPermissionDefinition } from "@stackframe/stack";
import { Checkbox } from "@/components/ui/checkbox";

/** A checkbox per permission, for choosing a set of them (what a permission contains, what users get by default). */
export function PermissionPicker({
  id,
  legend,
  hint,
  empty,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  empty: string;
  options: AdminTeamPermissionDefinition[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {options.length === 0 ? <p className="text-sm text-muted-foreground">{empty}</p> : null}
      <div className="flex max-h-56 flex-col gap-2 overflow-y-auto">
        {options.map((option) => {
          const checkboxId = `${id}-${option.id}`;
          return (
            <div key={option.id} className="flex items-start gap-2">
              <Checkbox
                id={checkboxId}
                className="mt-0.5"
                checked={value.includes(option.id)}
                onCheckedChange={(checked) => onChange(checked === true ? [...value, option.id] : value.filter((chosen) => chosen !== option.id))}
              />
              <label htmlFor={checkboxId} className="text-sm">
                <span className="font-mono">{option.id}</span>
                {option.description ? <span className="block text-xs text-muted-foreground">{option.description}</span> : null}
              </label>
            </div>
          );
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
