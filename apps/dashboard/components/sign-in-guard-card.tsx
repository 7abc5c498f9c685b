"use client";
import type { HexclaveConfig } from "@stackframe/stack";
import { useState } from "react";
import { readConfig } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { Field, FormError } from "./form";
import { SettingSwitch } from "./setting-switch";
import { Button } from "./ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "./ui/card";
import { Input } from "./ui/input";

const SETTINGS = [
  { key: "auth.signInGuard.maxFailures", label: "Wrong passwords per email", hint: "Before its password sign-in pauses (3 to 100).", min: 3, max: 100 },
  { key: "auth.signInGuard.maxFailuresPerClient", label: "Wrong passwords per client in 15 minutes", hint: "Across all emails, from one IP address (10 to 100,000).", min: 10, max: 100_000 },
] as const;

/**
 * Whether the project counts wrong passwords and typed codes, and how many it takes before it pauses sign-in; the
 * backend checks the ranges.
 */
export function SignInGuardCard({ config, update }: { config: HexclaveConfig; update: (changes: HexclaveConfig) => Promise<void> }) {
  const [values, setValues] = useState(() => Object.fromEntries(SETTINGS.map((setting) => [setting.key, String(readConfig(config, setting.key) ?? "")])));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async () => {
    const changes: HexclaveConfig = {};
    for (const setting of SETTINGS) {
      const value = Number(values[setting.key]);
      if (!Number.isInteger(value) || value < setting.min || value > setting.max) {
        setError(`${setting.label}: a whole number from ${setting.min} to ${setting.max.toLocaleString("en")}.`);
        return;
      }
      changes[setting.key] = value;
    }
    try {
      await update(changes);
      setError(null);
      setSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Password guessing</CardTitle>
        <CardDescription>
          After this many wrong passwords (or typed sign-in codes), sign-in that way pauses; the pause grows with each further failure and ends with
          another way in, or a password reset.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <SettingSwitch
          id="auth.signInGuard.enabled"
          label="Count failed sign-ins"
          description="Off only when a gateway in front of the server limits sign-in attempts itself: then nothing is counted or paused."
          checked={readConfig(config, "auth.signInGuard.enabled") !== false}
          onChange={(checked) => update({ "auth.signInGuard.enabled": checked })}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          {SETTINGS.map((setting) => (
            <Field key={setting.key} id={setting.key} label={setting.label} hint={setting.hint}>
              {(props) => (
                <Input
                  {...props}
                  type="number"
                  min={setting.min}
                  max={setting.max}
                  value={values[setting.key]}
                  onChange={(event) => {
                    setValues({ ...values, [setting.key]: event.target.value });
                    setSaved(false);
                  }}
                />
              )}
            </Field>
          ))}
        </div>
        <FormError message={error ?? undefined} />
        <div className="flex items-center gap-3">
          <Button size="sm" onClick={save}>
            Save limits
          </Button>
          <output className="text-sm text-muted-foreground">{saved ? "Saved." : ""}</output>
        </div>
      </CardContent>
    </Card>
  );
}
