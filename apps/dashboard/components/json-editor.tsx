"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/errors";
import { Button } from "./ui/button";
import { Textarea } from "./ui/input";
import { Label } from "./ui/label";

/** Parses metadata as the backend stores it: any JSON value; an empty editor means null. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `This is not valid JSON: ${(error as Error).message}` };
  }
}

/** A JSON field that refuses to save until its text parses, and shows the backend's refusal beside it. */
export function JsonEditor({ id, label, hint, value, onSave }: { id: string; label: string; hint: string; value: unknown; onSave: (value: unknown) => Promise<void> }) {
  const initial = JSON.stringify(value ?? null, null, 2);
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const parsed = parseJson(text);
    if (!parsed.ok) return setError(parsed.message);
    setBusy(true);
    try {
      await onSave(parsed.value);
      setError(null);
      setSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {hint}
      </p>
      <Textarea
        id={id}
        value={text}
        spellCheck={false}
        rows={5}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
        }}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button size="sm" onClick={save} disabled={busy || text === initial}>
          {busy ? "Saving…" : `Save ${label.toLowerCase()}`}
        </Button>
        <span aria-live="polite" className="text-sm text-muted-foreground">
          {saved ? "Saved." : ""}
        </span>
      </div>
    </div>
  );
}
