"use client";
import { zodResolver } from "@/lib/zod-resolver";
import { AlertTriangle } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import * as z from "zod/mini";
import { type OAuthProvider, type OAuthProviderEntry, OAUTH_PROVIDER_TYPES, oauthCallbackUrl, oauthTypeLook } from "@/lib/oauth-providers";
import { CopyButton } from "./copy-button";
import { Field, FormError, submitTo } from "./form";
import { OAuthProviderIcon } from "./oauth-provider-icon";
import { Button } from "./ui/button";
import { Checkbox } from "./ui/checkbox";
import { Dialog, DialogContent, DialogFooter } from "./ui/dialog";
import { Input } from "./ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./ui/select";

// The backend's rule for provider ids, without the `$` it keeps for built-in permissions.
const PROVIDER_ID = /^[a-z0-9_:]+$/;
const HTTP_URL = /^https?:\/\/\S+$/;
const PRESET_TYPES = new Set<string>(OAUTH_PROVIDER_TYPES.map((candidate) => candidate.type).filter((type) => type !== "oidc"));

type Values = {
  type: string;
  id: string;
  keys: "shared" | "own";
  clientId: string;
  clientSecret: string;
  microsoftTenantId: string;
  facebookConfigId: string;
  issuerUrl: string;
  allowConnectedAccounts: boolean;
};

const trimmed = () => z.string().check(z.trim());

/** What the backend would refuse, caught first so each message lands next to its field. */
function schemaFor({ creating, savedSecret, takenIds }: { creating: boolean; savedSecret: boolean; takenIds: readonly string[] }) {
  return z
    .object({
      type: z.string(),
      id: trimmed(),
      keys: z.enum(["shared", "own"]),
      clientId: trimmed(),
      clientSecret: trimmed(),
      microsoftTenantId: trimmed(),
      facebookConfigId: trimmed(),
      issuerUrl: trimmed(),
      allowConnectedAccounts: z.boolean(),
    })
    .check(
      z.superRefine((values, ctx) => {
        const problem = (field: keyof Values, message: string) => ctx.addIssue({ code: "custom", path: [field], message, input: values[field] });
        const openId = values.type === "oidc";
        if (!values.type) problem("type", "Choose the provider.");
        if (creating && openId) {
          if (!values.id) problem("id", "Give the provider an id, like okta.");
          else if (values.id.length > 64) problem("id", "An id has at most 64 characters.");
          else if (!PROVIDER_ID.test(values.id)) problem("id", "Use only lowercase letters, digits, _ and :.");
          // A preset's name as the id would send the SDK's "Sign in with GitHub" button to this provider instead.
          else if (PRESET_TYPES.has(values.id)) problem("id", "That is the name of a built-in provider; choose another id.");
          else if (takenIds.includes(values.id)) problem("id", "A provider with this id already exists.");
        }
        if (creating && !openId && values.type && takenIds.includes(values.type)) {
          problem("type", `${oauthTypeLook(values.type).label} is already set up; edit it in the list.`);
        }
        if (openId && !HTTP_URL.test(values.issuerUrl)) problem("issuerUrl", "Enter the issuer's address, like https://accounts.example.com.");
        else if (openId && values.issuerUrl.length > 300) problem("issuerUrl", "An issuer URL has at most 300 characters.");
        if (values.keys === "own" || openId) {
          if (!values.clientId) problem("clientId", "Enter the client id of your OAuth app.");
          if (!values.clientSecret && !savedSecret) problem("clientSecret", "Enter the client secret of your OAuth app.");
        }
        for (const field of ["clientId", "clientSecret", "microsoftTenantId", "facebookConfigId"] as const) {
          if (values[field].length > 1024) problem(field, "At most 1024 characters.");
        }
      }),
    );
}

/** The entry to store: the form's choices over what the provider already had, with the saved secret kept unless a new one was typed. */
function entryOf(values: Values, stored: OAuthProviderEntry | undefined): OAuthProviderEntry {
  const own = values.keys === "own" || values.type === "oidc";
  const optional = (key: keyof OAuthProviderEntry, value: string | undefined, applies: boolean) => (applies && value ? { [key]: value } : {});
  return {
    type: values.type,
    allowSignIn: stored?.allowSignIn ?? true,
    allowConnectedAccounts: values.allowConnectedAccounts,
    isShared: !own,
    ...(own ? { clientId: values.clientId, clientSecret: values.clientSecret || stored?.clientSecret } : {}),
    ...optional("microsoftTenantId", values.microsoftTenantId, own && values.type === "microsoft"),
    ...optional("facebookConfigId", values.facebookConfigId, own && values.type === "facebook"),
    ...optional("issuerUrl", values.issuerUrl, values.type === "oidc"),
    ...optional("customCallbackUrl", stored?.customCallbackUrl, true),
    ...(stored?.appleBundles && Object.keys(stored.appleBundles).length > 0 ? { appleBundles: stored.appleBundles } : {}),
  };
}

const KEY_CHOICES = [
  { value: "own", label: "My own OAuth app", hint: "The client id and secret of an app you create at the provider. Needed in production." },
  {
    value: "shared",
    label: "Shared development keys",
    hint: "No setup, for trying things out. Only works on a deployment running the mock OAuth server (pnpm dev).",
  },
] as const;

/** Adds a provider (`editing` null) or changes one; its type and id stay as they are once it exists. */
export function OAuthProviderDialog({
  open,
  onOpenChange,
  editing,
  takenIds,
  apiUrl,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  editing: OAuthProvider | null;
  takenIds: readonly string[];
  apiUrl: string;
  onSave: (id: string, entry: OAuthProviderEntry) => Promise<void>;
}) {
  const creating = editing === null;
  const stored = editing?.entry;
  const savedSecret = stored?.isShared === false && Boolean(stored.clientSecret);
  const form = useForm<Values>({
    resolver: zodResolver(schemaFor({ creating, savedSecret, takenIds })),
    values: {
      type: stored?.type ?? "",
      id: editing?.id ?? "",
      keys: stored?.isShared === true ? "shared" : "own",
      clientId: stored?.isShared === false ? (stored.clientId ?? "") : "",
      clientSecret: "",
      microsoftTenantId: stored?.microsoftTenantId ?? "",
      facebookConfigId: stored?.facebookConfigId ?? "",
      issuerUrl: stored?.issuerUrl ?? "",
      allowConnectedAccounts: stored?.allowConnectedAccounts ?? false,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const type = form.watch("type");
  const openId = type === "oidc";
  const own = form.watch("keys") === "own" || openId;
  const id = creating ? (openId ? form.watch("id").trim() : type) : editing.id;
  const label = type ? oauthTypeLook(type).label : "the provider";
  const close = () => {
    form.reset();
    onOpenChange(false);
  };
  const onSubmit = form.handleSubmit(async (values) => {
    const providerId = creating ? (values.type === "oidc" ? values.id : values.type) : editing.id;
    if (await submitTo(form, "root", () => onSave(providerId, entryOf(values, stored)))) form.reset();
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent
        title={creating ? "Add an OAuth provider" : `Edit ${label}${editing.id === type ? "" : ` (${editing.id})`}`}
        description={creating ? "Users sign in with their account there; the sign-in page shows it once it is saved." : "Its type and id stay the same."}
      >
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          {creating ? (
            <Field id="oauth-type" label="Provider" error={errors.type?.message}>
              {(props) => (
                <Controller
                  control={form.control}
                  name="type"
                  render={({ field }) => (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger {...props}>
                        <SelectValue placeholder="Choose a provider" />
                      </SelectTrigger>
                      <SelectContent className="max-h-72">
                        {OAUTH_PROVIDER_TYPES.map((candidate) => (
                          <SelectItem key={candidate.type} value={candidate.type}>
                            <span className="flex items-center gap-2">
                              <OAuthProviderIcon type={candidate.type} className="size-5 text-xs" />
                              {candidate.label}
                            </span>
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                />
              )}
            </Field>
          ) : null}
          {creating && openId ? (
            <Field
              id="oauth-id"
              label="Provider id"
              hint={'Its name in URLs and in signInWithOAuth("…"): lowercase letters, digits, _ and :. It cannot change later.'}
              error={errors.id?.message}
            >
              {(props) => <Input {...props} {...form.register("id")} className="font-mono" placeholder="okta" autoComplete="off" />}
            </Field>
          ) : null}
          {openId ? (
            <Field id="oauth-issuer" label="Issuer URL" hint="Its /.well-known/openid-configuration names the endpoints." error={errors.issuerUrl?.message}>
              {(props) => <Input {...props} {...form.register("issuerUrl")} placeholder="https://accounts.example.com" autoComplete="off" />}
            </Field>
          ) : (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1.5 text-sm font-medium">Client credentials</legend>
              {KEY_CHOICES.map((choice) => (
                <label key={choice.value} className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring">
                  <input
                    type="radio"
                    value={choice.value}
                    {...form.register("keys")}
                    className="mt-0.5 size-4 accent-primary"
                    aria-labelledby={`oauth-keys-${choice.value}-label`}
                    aria-describedby={`oauth-keys-${choice.value}-hint`}
                  />
                  <span className="flex flex-col gap-0.5 text-sm">
                    <span id={`oauth-keys-${choice.value}-label`} className="font-medium">
                      {choice.label}
                    </span>
                    <span id={`oauth-keys-${choice.value}-hint`} className="text-muted-foreground">
                      {choice.hint}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {!own ? (
            <p className="flex gap-2 rounded-md border border-dashed p-3 text-sm text-muted-foreground">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>
                A self-hosted Hexclave has no keys to lend: anywhere without the mock server, sign-in with {label} fails until you switch to your own
                OAuth app. On the mock server anyone can sign in as any email.
              </span>
            </p>
          ) : (
            <>
              {id ? (
                <div className="flex flex-col gap-1.5">
                  <p className="text-sm font-medium" id="oauth-callback-label">
                    Callback URL to register at {label}
                  </p>
                  <div className="flex items-center gap-2">
                    <code aria-labelledby="oauth-callback-label" className="min-w-0 flex-1 break-all rounded-md border bg-muted px-2 py-1.5 font-mono text-xs">
                      {oauthCallbackUrl(apiUrl, id, stored)}
                    </code>
                    <CopyButton value={oauthCallbackUrl(apiUrl, id, stored)} label="Copy the callback URL" />
                  </div>
                </div>
              ) : null}
              <div className="grid gap-4 sm:grid-cols-2">
                <Field id="oauth-client-id" label="Client id" error={errors.clientId?.message}>
                  {(props) => <Input {...props} {...form.register("clientId")} className="font-mono" autoComplete="off" />}
                </Field>
                <Field
                  id="oauth-client-secret"
                  label="Client secret"
                  hint={savedSecret ? "Saved and hidden. Type a new one to replace it." : undefined}
                  error={errors.clientSecret?.message}
                >
                  {(props) => (
                    <Input {...props} {...form.register("clientSecret")} type="password" className="font-mono" placeholder={savedSecret ? "••••••••" : undefined} autoComplete="new-password" />
                  )}
                </Field>
              </div>
              {type === "microsoft" ? (
                <Field id="oauth-tenant" label="Tenant id" hint="Your Entra ID tenant; empty for common (any work, school or personal account)." error={errors.microsoftTenantId?.message}>
                  {(props) => <Input {...props} {...form.register("microsoftTenantId")} className="font-mono" placeholder="common" autoComplete="off" />}
                </Field>
              ) : null}
              {type === "facebook" ? (
                <Field id="oauth-facebook-config" label="Configuration id" hint="Facebook Login for Business only; empty otherwise." error={errors.facebookConfigId?.message}>
                  {(props) => <Input {...props} {...form.register("facebookConfigId")} className="font-mono" autoComplete="off" />}
                </Field>
              ) : null}
            </>
          )}
          <Controller
            control={form.control}
            name="allowConnectedAccounts"
            render={({ field }) => (
              <div className="flex items-start gap-2">
                <Checkbox id="oauth-connected-accounts" checked={field.value} onCheckedChange={(checked) => field.onChange(checked === true)} className="mt-0.5" />
                <label htmlFor="oauth-connected-accounts" className="text-sm">
                  <span className="font-medium">Allow connected accounts</span>
                  <span className="block text-muted-foreground">
                    Your app may ask for the user's access token at {label}, to call its API.{own ? "" : " Not with shared keys: their tokens are not yours."}
                  </span>
                </label>
              </div>
            )}
          />
          <FormError message={errors.root?.message} />
          <DialogFooter>
            <Button variant="outline" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : creating ? "Add provider" : "Save changes"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
