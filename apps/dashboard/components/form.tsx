"use client";
import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { errorMessage } from "@/lib/errors";
import { Label } from "./ui/label";

type ControlProps = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

/** A labelled control with its hint and, beside it, the error of that field (from the form or from the backend). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Runs a form's action; a refusal from the backend is shown next to `field` in the backend's words, and nothing
 * else on the page changes. True when the action went through.
 */
export async function submitTo<T extends FieldValues>(form: UseFormReturn<T>, field: Path<T> | "root", action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    form.setError(field as Path<T>, { type: "server", message: errorMessage(error) });
    return false;
  }
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm text-destructive">
      {message}
    </p>
  );
}
