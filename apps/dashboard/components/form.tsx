"use client";
import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { errorMessage } from "@/lib/errors";
import { Button } from "./ui/button";
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

/** A form's submit button, and "Saved." once its last submit went through and nothing has changed since. */
export function SubmitRow({ label, state }: { label: string; state: { isDirty: boolean; isSubmitting: boolean; isSubmitSuccessful: boolean } }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" size="sm" disabled={!state.isDirty || state.isSubmitting}>
        {state.isSubmitting ? "Saving…" : label}
      </Button>
      <span aria-live="polite" className="text-sm text-muted-foreground">
        {state.isSubmitSuccessful && !state.isDirty ? "Saved." : ""}
      </span>
    </div>
  );
}
