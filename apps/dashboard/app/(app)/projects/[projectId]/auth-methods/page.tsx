"use client";
import { OAuthProvidersCard } from "@/components/oauth-providers-card";
import { SettingSwitch } from "@/components/setting-switch";
import { SignInGuardCard } from "@/components/sign-in-guard-card";
import { Loaded, PageHeader } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Separator } from "@/components/ui/separator";
import { readConfig, useProjectConfig } from "@/lib/config";

type Setting = { key: string; label: string; description: string };

const SIGN_IN: Setting[] = [
  { key: "auth.password.allowSignIn", label: "Email and password", description: "Users sign up and in with their email address and a password." },
  { key: "auth.otp.allowSignIn", label: "Magic link and one-time code", description: "Users get an email with a sign-in link and a code; no password needed." },
  { key: "auth.passkey.allowSignIn", label: "Passkeys", description: "Users sign in with a passkey on their device. Turning this on shows the option as soon as the SDK supports it." },
];

const ACCOUNTS: Setting[] = [
  { key: "auth.allowSignUp", label: "Sign-up enabled", description: "New users can create accounts. Off: only users you create can sign in." },
  { key: "teams.createPersonalTeamOnSignUp", label: "Personal team on sign-up", description: "Every new user gets a team of their own." },
  { key: "teams.allowClientTeamCreation", label: "Client team creation", description: "Signed-in users can create teams from your app." },
  { key: "users.allowClientUserDeletion", label: "Users can delete their account", description: "Shows account deletion in the user's account settings." },
  { key: "apiKeys.enabled.user", label: "User API keys", description: "Users can create API keys that act as them." },
  { key: "apiKeys.enabled.team", label: "Team API keys", description: "Teams can create API keys that act for the team." },
];

export default function AuthMethodsPage() {
  const { state, update } = useProjectConfig();
  const group = (settings: Setting[], config: Parameters<typeof readConfig>[0]) =>
    settings.map((setting, index) => (
      <div key={setting.key}>
        {index > 0 ? <Separator /> : null}
        <SettingSwitch
          id={setting.key}
          label={setting.label}
          description={setting.description}
          checked={readConfig(config, setting.key) === true}
          onChange={(checked) => update({ [setting.key]: checked })}
        />
      </div>
    ));
  return (
    <>
      <PageHeader title="Auth methods" description="How users sign up and sign in to this project. Changes apply at once." />
      <Loaded state={state}>
        {(config) => (
          <div className="flex flex-col gap-6">
            <Card>
              <CardHeader>
                <CardTitle>Sign-in methods</CardTitle>
                <CardDescription>The sign-in page of your app shows the methods turned on here.</CardDescription>
              </CardHeader>
              <CardContent>{group(SIGN_IN, config)}</CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Accounts, teams and API keys</CardTitle>
              </CardHeader>
              <CardContent>{group(ACCOUNTS, config)}</CardContent>
            </Card>
            <SignInGuardCard config={config} update={update} />
            <Card>
              <CardHeader>
                <CardTitle>Anonymous users</CardTitle>
                <CardDescription>
                  Apps can start a visitor as an anonymous user (the SDK's <span className="font-mono">or: &quot;anonymous&quot;</span>) and upgrade them when
                  they sign up. They are left out of the user list and the metrics unless you ask for them.
                </CardDescription>
              </CardHeader>
            </Card>
            <OAuthProvidersCard config={config} update={update} />
          </div>
        )}
      </Loaded>
    </>
  );
}
