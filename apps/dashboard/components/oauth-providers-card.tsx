"use client";
import type { HexclaveConfig } from "@stackframe/stack";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { cn } from "@/lib/cn";
import { readConfig } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { ACCOUNT_MERGE_STRATEGIES, type OAuthProvider, type OAuthProviderEntry, oauthCallbackUrl, oauthProviderKey, oauthProvidersOf, oauthTypeLook } from "@/lib/oauth-providers";
import { useAdminApp } from "@/lib/projects";
import { ConfirmButton } from "./confirm-button";
import { CopyButton } from "./copy-button";
import { LazyOAuthProviderDialog, useOpenedOnce } from "./lazy";
import { OAuthProviderIcon } from "./oauth-provider-icon";
import { EmptyState } from "./states";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "./ui/card";
import { fieldClasses } from "./ui/input";
import { Label } from "./ui/label";
import { Switch } from "./ui/switch";

type Update = (changes: HexclaveConfig) => Promise<void>;

/** A provider's name as the page shows it: its type's, with its id when that differs (a second GitHub, an OpenID one). */
const nameOf = ({ id, entry }: OAuthProvider) => {
  const label = oauthTypeLook(entry.type ?? "").label;
  return id === entry.type ? label : `${label} (${id})`;
};

/**
 * A setting saved as soon as it changes: the new value shows at once and stays until the reloaded config has it,
 * or goes back, with the backend's reason, when the change is refused.
 */
function useInstantSetting<T>(stored: T, write: (value: T) => Promise<void>) {
  const [optimistic, setOptimistic] = useState<{ value: T } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (optimistic && Object.is(optimistic.value, stored)) setOptimistic(null);
  const change = async (value: T) => {
    setOptimistic({ value });
    try {
      await write(value);
      setError(null);
    } catch (caught) {
      setOptimistic(null);
      setError(errorMessage(caught));
    }
  };
  return { value: optimistic ? optimistic.value : stored, pending: optimistic !== null, error, change };
}

function ProviderRow({ provider, apiUrl, update, onEdit }: { provider: OAuthProvider; apiUrl: string; update: Update; onEdit: () => void }) {
  const { id, entry } = provider;
  const name = nameOf(provider);
  const shared = entry.type !== "oidc" && entry.isShared !== false;
  const callbackUrl = oauthCallbackUrl(apiUrl, id, entry);
  const signIn = useInstantSetting(entry.allowSignIn === true, (next) => update({ [`${oauthProviderKey(id)}.allowSignIn`]: next }));
  const switchId = `oauth-sign-in-${id}`;
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-1 last:pb-0 md:flex-row md:items-start md:justify-between md:gap-6">
      <div className="flex min-w-0 items-start gap-3">
        <OAuthProviderIcon type={entry.type ?? ""} />
        <div className="flex min-w-0 flex-col gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium leading-7">{oauthTypeLook(entry.type ?? "").label}</h3>
            <span className="font-mono text-xs text-muted-foreground">{id}</span>
            <Badge variant={shared ? "outline" : "success"}>{shared ? "Shared keys" : "Own keys"}</Badge>
            {entry.allowConnectedAccounts ? <Badge variant="outline">Connected accounts</Badge> : null}
          </div>
          <div className="flex min-w-0 items-center gap-2">
            <span className="sr-only">Callback URL:</span>
            <code className="min-w-0 break-all font-mono text-xs text-muted-foreground">
              {callbackUrl}
            </code>
            <CopyButton value={callbackUrl} label={`Copy the callback URL of ${name}`} />
          </div>
          {shared ? <p className="text-xs text-muted-foreground">Development only: signs in at the deployment's mock OAuth server.</p> : null}
          {signIn.error ? (
            <p role="alert" className="text-sm text-destructive">
              {signIn.error}
            </p>
          ) : null}
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-2 pl-10 md:pl-0">
        <Label htmlFor={switchId} className="text-muted-foreground">
          Sign-in
        </Label>
        <Switch
          id={switchId}
          aria-label={`Sign-in with ${name}`}
          checked={signIn.value}
          disabled={signIn.pending}
          onCheckedChange={(next) => void signIn.change(next)}
        />
        <Button size="sm" variant="outline" className="ml-2" aria-label={`Edit ${name}`} onClick={onEdit}>
          <Pencil aria-hidden /> Edit
        </Button>
        <ConfirmButton
          size="icon"
          variant="ghost"
          aria-label={`Remove ${name}`}
          title={`Remove ${name}?`}
          description="Its button leaves the sign-in page. Users who signed in only with it can no longer sign in; their accounts stay."
          confirmLabel="Remove provider"
          onConfirm={() => update({ [oauthProviderKey(id)]: null })}
        >
          <Trash2 aria-hidden />
        </ConfirmButton>
      </div>
    </li>
  );
}

function MergeStrategy({ config, update }: { config: HexclaveConfig; update: Update }) {
  const strategy = useInstantSetting(String(readConfig(config, "auth.oauth.accountMergeStrategy") ?? "link_method"), (next) =>
    update({ "auth.oauth.accountMergeStrategy": next }),
  );
  return (
    <div className="flex flex-col gap-2 border-t pt-5">
      <Label htmlFor="oauth-merge-strategy">When someone signs in with the email of an existing account</Label>
      <select
        id="oauth-merge-strategy"
        aria-describedby="oauth-merge-strategy-options"
        className={cn(fieldClasses, "h-9 sm:max-w-sm dark:[color-scheme:dark]")}
        value={strategy.value}
        disabled={strategy.pending}
        onChange={(event) => void strategy.change(event.target.value)}
      >
        {ACCOUNT_MERGE_STRATEGIES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ul id="oauth-merge-strategy-options" className="flex flex-col gap-1 text-sm text-muted-foreground">
        {ACCOUNT_MERGE_STRATEGIES.map((option) => (
          <li key={option.value}>
            <span className="font-medium text-foreground">{option.label}:</span> {option.description}
          </li>
        ))}
      </ul>
      {strategy.error ? (
        <p role="alert" className="text-sm text-destructive">
          {strategy.error}
        </p>
      ) : null}
    </div>
  );
}

/** The project's OAuth providers: each one's sign-in switch, keys and callback URL, and how their accounts meet existing ones. */
export function OAuthProvidersCard({ config, update }: { config: HexclaveConfig; update: Update }) {
  const app = useAdminApp();
  const apiUrl = app.toClientJson().baseUrl;
  const providers = oauthProvidersOf(config);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dialogOpened = useOpenedOnce(dialogOpen);
  const [editing, setEditing] = useState<OAuthProvider | null>(null);
  const open = (provider: OAuthProvider | null) => {
    setEditing(provider);
    setDialogOpen(true);
  };
  const save = async (id: string, entry: OAuthProviderEntry) => {
    await update({ [oauthProviderKey(id)]: entry });
    setDialogOpen(false);
  };
  return (
    <Card aria-labelledby="oauth-providers-title">
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="flex flex-col gap-1">
          <CardTitle id="oauth-providers-title">OAuth providers</CardTitle>
          <CardDescription>
            Sign-in with Google, GitHub, any OpenID Connect provider and more. Shared keys are for development only: a self-hosted deployment has
            none, so bring the client id and secret of your own OAuth app, and register the callback URL shown here in it.
          </CardDescription>
        </div>
        <Button size="sm" onClick={() => open(null)}>
          <Plus aria-hidden /> Add provider
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {providers.length === 0 ? (
          <EmptyState title="No OAuth providers">Add one and its button appears on your sign-in page.</EmptyState>
        ) : (
          <ul aria-label="OAuth providers" className="flex flex-col divide-y">
            {providers.map((provider) => (
              <ProviderRow key={provider.id} provider={provider} apiUrl={apiUrl} update={update} onEdit={() => open(provider)} />
            ))}
          </ul>
        )}
        <MergeStrategy config={config} update={update} />
      </CardContent>
      {dialogOpened ? (
        <LazyOAuthProviderDialog
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          editing={editing}
          takenIds={providers.map((provider) => provider.id)}
          apiUrl={apiUrl}
          onSave={save}
        />
      ) : null}
    </Card>
  );
}
