import { readEnv } from "@stackframe/stack-shared";
import { StartupError } from "./startup-error";

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
  // Any preset type may be named; a name that is no preset's type is simply never read.
  for (const key of Object.keys(process.env)) {
    const type = /^(?:STACK|HEXCLAVE)_OAUTH_BASE_URL_([A-Z0-9_]+)$/.exec(key)?.[1]?.toLowerCase();
    if (!type || baseUrlOverrides[type]) continue;
    const name = `STACK_OAUTH_BASE_URL_${type.toUpperCase()}`;
    const raw = readEnv(name);
    if (raw) baseUrlOverrides[type] = httpUrl(name, raw);
  }
  return { mockServerUrl: mock ? httpUrl("STACK_OAUTH_MOCK_URL", mock) : null, baseUrlOverrides };
}
