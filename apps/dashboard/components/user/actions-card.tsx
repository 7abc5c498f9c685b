"use client";
import type { ServerUser } from "@stackframe/stack";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { FormError } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useAppPages } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { useAdminApp, useProject } from "@/lib/projects";
import { ImpersonateButton } from "./impersonate-button";

export function ActionsCard({ user, onChange }: { user: ServerUser; onChange: () => void }) {
  const app = useAdminApp();
  const project = useProject();
  const router = useRouter();
  const appPages = useAppPages();
  const appUrl = appPages?.appUrl ?? null;
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      setMessage({ text: success, error: false });
      onChange();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), error: true });
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign-in and account</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div className="flex items-center justify-between gap-4">
          <div>
            <Label htmlFor="user-verified">Primary email verified</Label>
            <p className="text-xs text-muted-foreground">{user.primaryEmail ?? "No primary email."}</p>
          </div>
          <Switch
            id="user-verified"
            checked={user.primaryEmailVerified}
            disabled={!user.primaryEmail}
            onCheckedChange={(checked) => run(() => user.update({ primaryEmailVerified: checked }), checked ? "Marked verified." : "Marked unverified.")}
          />
        </div>
        <div className="flex items-center justify-between gap-4">
          <div>
            <Label htmlFor="user-restricted">Sign-in disabled</Label>
            <p className="text-xs text-muted-foreground">A restricted user keeps their account but is treated as not signed in by your app.</p>
          </div>
          <Switch
            id="user-restricted"
            checked={user.restrictedByAdmin}
            onCheckedChange={(checked) =>
              run(
                () => user.update({ restrictedByAdmin: checked, restrictedByAdminReason: checked ? "Disabled from the dashboard" : null }),
                checked ? "Sign-in disabled." : "Sign-in enabled.",
              )
            }
          />
        </div>
        <div className="flex items-center justify-between gap-4">
          <div>
            <p className="text-sm font-medium">Two-factor sign-in</p>
            <p className="text-xs text-muted-foreground">
              {user.isMultiFactorRequired ? "On: signing in also takes a code from their authenticator app." : "Off. Your app turns it on for a user with their authenticator secret."}
            </p>
          </div>
          {user.isMultiFactorRequired ? (
            <ConfirmButton
              size="sm"
              variant="outline"
              title="Turn off two-factor sign-in?"
              description="For a user who lost their authenticator: they sign in with their first factor alone until they set it up again."
              confirmLabel="Turn off"
              onConfirm={async () => {
                await user.update({ totpMultiFactorSecret: null });
                onChange();
              }}
            >
              Turn off
            </ConfirmButton>
          ) : null}
        </div>
        <div className="flex items-center justify-between gap-4">
          <div>
            <p className="text-sm font-medium">Passkey</p>
            <p className="text-xs text-muted-foreground">
              {user.passkeyAuthEnabled ? "Added: they can sign in with it." : "None. They add one from their account settings."}
            </p>
          </div>
          {user.passkeyAuthEnabled ? (
            <ConfirmButton
              size="sm"
              variant="outline"
              title="Remove the passkey?"
              description="For a user who lost the device that holds it: they sign in another way and can add a new one."
              confirmLabel="Remove passkey"
              onConfirm={async () => {
                await user.update({ passkeyAuthEnabled: false });
                onChange();
              }}
            >
              Remove
            </ConfirmButton>
          ) : null}
        </div>
        <form
          className="flex flex-col gap-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await user.update({ password });
              setPassword("");
            }, "Password set.");
          }}
        >
          <Label htmlFor="user-password">Set a password</Label>
          <div className="flex gap-2">
            <Input id="user-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
            <Button type="submit" variant="outline" disabled={!password}>
              Set password
            </Button>
          </div>
        </form>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            disabled={!user.primaryEmail || !appUrl}
            title={appUrl ? undefined : "Add a trusted domain first: the reset link opens your app."}
            onClick={() =>
              run(async () => {
                const result = await app.sendForgotPasswordEmail(user.primaryEmail ?? "", { callbackUrl: appPages?.handlerPage("password-reset") });
                if (result.status === "error") throw result.error;
              }, `A password reset email is on its way to ${user.primaryEmail}.`)
            }
          >
            Send password reset email
          </Button>
          <ImpersonateButton user={user} appUrl={appUrl} onCreated={onChange} />
          <ConfirmButton
            title="Delete this user?"
            description="Their account, sessions, API keys and team memberships are deleted. This cannot be undone."
            confirmLabel="Delete user"
            onConfirm={async () => {
              await user.delete();
              router.push(`/projects/${project.id}/users`);
            }}
          >
            Delete user
          </ConfirmButton>
        </div>
        {message ? (
          message.error ? (
            <FormError message={message.text} />
          ) : (
            <output className="block text-sm text-success">
              {message.text}
            </output>
          )
        ) : null}
      </CardContent>
    </Card>
  );
}
