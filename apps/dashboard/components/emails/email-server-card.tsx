"use client";
import { zodResolver } from "@/lib/zod-resolver";
import type { HexclaveConfig } from "@stackframe/stack";
import { useState } from "react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { Field, FormError, submitTo } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { readConfig } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { useAdminApp } from "@/lib/projects";

type StoredServer = { isShared?: boolean; host?: string; port?: number; username?: string; password?: string; senderName?: string; senderEmail?: string };

const schema = z.object({
  host: z.string().check(z.trim(), z.minLength(1, "Enter the SMTP server's host name."), z.maxLength(256, "A host name has at most 256 characters.")),
  port: z.string().check(z.trim(), z.regex(/^\d+$/, "The port is a whole number, like 587."), z.refine((port) => Number(port) >= 1 && Number(port) <= 65535, "Ports go from 1 to 65535.")),
  username: z.string().check(z.trim(), z.minLength(1, "Enter the SMTP user name."), z.maxLength(256, "A user name has at most 256 characters.")),
  password: z.string().check(z.maxLength(1024, "A password has at most 1024 characters.")),
  senderEmail: z.string().check(z.trim(), z.regex(z.regexes.email, "Enter the address emails come from, like hello@example.com.")),
  senderName: z.string().check(z.trim(), z.minLength(1, "Enter the name emails come from."), z.maxLength(256, "A name has at most 256 characters.")),
});

type Values = z.infer<typeof schema>;

const FIELDS: { name: keyof Values; label: string; type?: string; hint?: string; autoComplete?: string }[] = [
  { name: "host", label: "Host" },
  { name: "port", label: "Port", type: "number", hint: "587 for STARTTLS, 465 for TLS." },
  { name: "username", label: "User name" },
  { name: "password", label: "Password", type: "password", hint: "Leave empty to keep the saved one.", autoComplete: "new-password" },
  { name: "senderEmail", label: "Sender email", type: "email" },
  { name: "senderName", label: "Sender name" },
];

/** The shared server, or the project's own SMTP server, checked with a test email before it is saved. */
export function EmailServerCard({ config, update }: { config: HexclaveConfig; update: (changes: HexclaveConfig) => Promise<void> }) {
  const app = useAdminApp();
  const stored = (readConfig(config, "emails.server") ?? {}) as StoredServer;
  const [own, setOwn] = useState(stored.isShared === false);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { host: stored.host ?? "", port: String(stored.port ?? 587), username: stored.username ?? "", password: "", senderEmail: stored.senderEmail ?? "", senderName: stored.senderName ?? "" },
  });
  const { errors, isSubmitting } = form.formState;
  const [recipient, setRecipient] = useState("");
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const withPassword = (values: Values) => ({ ...values, port: Number(values.port), password: values.password || stored.password || "" });

  const save = form.handleSubmit(async (values) => {
    const server = withPassword(values);
    const ok = await submitTo(form, "root", () => update({ "emails.server": { isShared: false, provider: "smtp", ...server } }));
    setSaved(ok);
  });
  const sendTest = form.handleSubmit(async (values) => {
    setTestResult(null);
    try {
      const result = await app.sendTestEmail({ recipientEmail: recipient, emailConfig: withPassword(values) });
      setTestResult(result.success ? { ok: true, text: `Sent. Check the inbox of ${recipient}.` } : { ok: false, text: result.errorMessage });
    } catch (caught) {
      setTestResult({ ok: false, text: errorMessage(caught) });
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Email server</CardTitle>
        <CardDescription>Verification, sign-in and invitation emails go out through it.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div className="flex items-center justify-between gap-4">
          <div>
            <Label htmlFor="own-smtp">Use my own SMTP server</Label>
            <p id="own-smtp-description" className="text-sm text-muted-foreground">
              Off: emails go through the deployment's shared server.
            </p>
          </div>
          <Switch
            id="own-smtp"
            aria-describedby="own-smtp-description"
            checked={own}
            onCheckedChange={async (checked) => {
              setOwn(checked);
              if (!checked) await update({ "emails.server": { isShared: true } });
            }}
          />
        </div>
        {own ? (
          <form onSubmit={save} className="flex flex-col gap-4" noValidate>
            <div className="grid gap-4 sm:grid-cols-2">
              {FIELDS.map((field) => (
                <Field key={field.name} id={`smtp-${field.name}`} label={field.label} hint={field.hint} error={errors[field.name]?.message}>
                  {(props) => <Input {...props} type={field.type ?? "text"} autoComplete={field.autoComplete ?? "off"} {...form.register(field.name)} />}
                </Field>
              ))}
            </div>
            <FormError message={errors.root?.message} />
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={isSubmitting}>
                Save email server
              </Button>
              <output className="text-sm text-muted-foreground">{saved ? "Saved." : ""}</output>
            </div>
            <div className="flex flex-col gap-1.5 border-t pt-4">
              <Label htmlFor="test-recipient">Send a test email with these settings</Label>
              <div className="flex gap-2">
                <Input id="test-recipient" type="email" value={recipient} onChange={(event) => setRecipient(event.target.value)} placeholder="you@example.com" />
                <Button variant="outline" disabled={!recipient} onClick={() => void sendTest()}>
                  Send test email
                </Button>
              </div>
              {testResult ? testResult.ok ? <output className="block text-sm text-success">{testResult.text}</output> : <FormError message={testResult.text} /> : null}
            </div>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
