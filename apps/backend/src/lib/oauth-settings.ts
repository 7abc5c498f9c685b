import { readEnv } from "@stackframe/stack-shared";
import { StartupError } from "./startup-error";

/** Stack Auth's OAuth provider types, each a preset of ours (domain/oauth/presets.ts). */
export const OAUTH_PROVIDER_TYPES = [
  "google", "github", "microsoft", "spotify", "facebook", "discord", "gitlab", "bitbucket", "linkedin", "apple", "x", "twitch",
] as const;

export type OAuthSettings = {
  /**
   * An OpenID provider that stands in for every provider on the shared development keys (the mock OAuth server in
   * development and tests). Unset, as in production, a provider needs its project's own client id and secret.
   */
  mockServerUrl: string | null;
  /** Per preset type, an origin that replaces the origin of each of its endpoints, e.g. to point github at a test server. */
  baseUrlOverrides: Partial<Record<string, string>>;
};

function httpUrl(name: string, raw: string): string {
  if (!URL.canParse(raw) || !["http:", "https:"].includes(new URL(raw).protocol)) {
    throw new StartupError(`${name} must be an http(s) URL, got "${raw}".`);
  }
  return raw.replace(/\/+$/, "");
}

export function loadOAuthSettings(): OAuthSettings {
  const mock = readEnv("STACK_OAUTH_MOCK_URL");
  const baseUrlOverrides: Partial<Record<string, string>> = {};
  for (const type of OAUTH_PROVIDER_TYPES) {
    const name = `STACK_OAUTH_BASE_URL_${type.toUpperCase()}`;
    const raw = readEnv(name);
    if (raw) baseUrlOverrides[type] = httpUrl(name, raw);
  }
  return { mockServerUrl: mock ? httpUrl("STACK_OAUTH_MOCK_URL", mock) : null, baseUrlOverrides };
}
