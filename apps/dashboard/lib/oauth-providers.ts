import type { HexclaveConfig } from "@stackframe/stack";
import { readConfig } from "./config";

/** The provider types the backend knows, with the name and colours their icon is drawn in. */
export const OAUTH_PROVIDER_TYPES = [
  // Brand colours, darkened where white text on them would fall below WCAG AA; Spotify and GitLab take black text.
  { type: "google", label: "Google", color: "#1a73e8", text: "#ffffff" },
  { type: "github", label: "GitHub", color: "#24292f", text: "#ffffff" },
  { type: "microsoft", label: "Microsoft", color: "#0078d4", text: "#ffffff" },
  { type: "apple", label: "Apple", color: "#000000", text: "#ffffff" },
  { type: "discord", label: "Discord", color: "#5865f2", text: "#ffffff" },
  { type: "gitlab", label: "GitLab", color: "#fc6d26", text: "#000000" },
  { type: "bitbucket", label: "Bitbucket", color: "#0052cc", text: "#ffffff" },
  { type: "linkedin", label: "LinkedIn", color: "#0a66c2", text: "#ffffff" },
  { type: "spotify", label: "Spotify", color: "#1db954", text: "#000000" },
  { type: "facebook", label: "Facebook", color: "#0866ff", text: "#ffffff" },
  { type: "twitch", label: "Twitch", color: "#9146ff", text: "#ffffff" },
  { type: "x", label: "X", color: "#000000", text: "#ffffff" },
  { type: "oidc", label: "OpenID Connect", color: "#475569", text: "#ffffff" },
] as const;

export type OAuthProviderType = (typeof OAUTH_PROVIDER_TYPES)[number]["type"];

const UNKNOWN_TYPE = { label: "Unknown provider", color: "#475569", text: "#ffffff" };

export function oauthTypeLook(type: string): { label: string; color: string; text: string } {
  return OAUTH_PROVIDER_TYPES.find((candidate) => candidate.type === type) ?? UNKNOWN_TYPE;
}

/** One entry of `auth.oauth.providers`, as the rendered config holds it. */
export type OAuthProviderEntry = {
  type?: string;
  allowSignIn?: boolean;
  allowConnectedAccounts?: boolean;
  isShared?: boolean;
  clientId?: string;
  clientSecret?: string;
  microsoftTenantId?: string;
  facebookConfigId?: string;
  issuerUrl?: string;
  customCallbackUrl?: string;
  appleBundles?: Record<string, { bundleId?: string }>;
};

export type OAuthProvider = { id: string; entry: OAuthProviderEntry };

export const oauthProviderKey = (id: string) => `auth.oauth.providers.${id}`;

/** The configured providers, by name and then id; an entry without a type does nothing at the backend and is left out. */
export function oauthProvidersOf(config: HexclaveConfig): OAuthProvider[] {
  const providers = (readConfig(config, "auth.oauth.providers") ?? {}) as Record<string, OAuthProviderEntry | null>;
  return Object.entries(providers)
    .filter((entry): entry is [string, OAuthProviderEntry] => typeof entry[1]?.type === "string")
    .map(([id, entry]) => ({ id, entry }))
    .sort((a, b) => oauthTypeLook(a.entry.type!).label.localeCompare(oauthTypeLook(b.entry.type!).label) || a.id.localeCompare(b.id));
}

/** Where the provider sends users back, to register at the provider: the backend's callback for this id, unless the project set its own. */
export function oauthCallbackUrl(apiUrl: string, id: string, entry?: OAuthProviderEntry): string {
  return entry?.customCallbackUrl ?? `${apiUrl.replace(/\/+$/, "")}/api/v1/auth/oauth/callback/${encodeURIComponent(id)}`;
}

export const ACCOUNT_MERGE_STRATEGIES = [
  {
    value: "link_method",
    label: "Link to the existing account",
    description: "Joins the accounts only when both the provider and the existing account have verified the email; otherwise sign-in is refused.",
  },
  { value: "raise_error", label: "Refuse the sign-in", description: "Always refused while another account signs in with the same email." },
  { value: "allow_duplicates", label: "Create a separate user", description: "A new user, whose copy of the email signs nobody in." },
] as const;
