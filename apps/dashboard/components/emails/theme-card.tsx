"use client";
import type { HexclaveConfig } from "@stackframe/stack";
import { Check } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { readConfig } from "@/lib/config";
import { EMAIL_THEMES } from "@/lib/email-themes";
import { errorMessage } from "@/lib/errors";

export function ThemeCard({ config, update }: { config: HexclaveConfig; update: (changes: HexclaveConfig) => Promise<void> }) {
  const selected = readConfig(config, "emails.selectedThemeId");
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Theme</CardTitle>
        <CardDescription>The colours of every email the project sends.</CardDescription>
      </CardHeader>
      <CardContent>
        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="sr-only">Email theme</legend>
          {EMAIL_THEMES.map((theme) => (
            <label
              key={theme.id}
              className={cn(
                "flex cursor-pointer items-center gap-3 rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
                selected === theme.id && "border-primary",
              )}
            >
              <input
                type="radio"
                name="email-theme"
                className="sr-only"
                checked={selected === theme.id}
                onChange={async () => {
                  try {
                    await update({ "emails.selectedThemeId": theme.id });
                    setError(null);
                  } catch (caught) {
                    setError(errorMessage(caught));
                  }
                }}
              />
              <span className="flex size-8 overflow-hidden rounded-md border" aria-hidden>
                <span className="w-1/2" style={{ background: theme.swatch[0] }} />
                <span className="w-1/2" style={{ background: theme.swatch[1] }} />
              </span>
              <span className="flex-1">{theme.name}</span>
              {selected === theme.id ? <Check className="size-4 text-primary" aria-hidden /> : null}
            </label>
          ))}
        </fieldset>
        <FormError message={error ?? undefined} />
      </CardContent>
    </Card>
  );
}
