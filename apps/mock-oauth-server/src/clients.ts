import type { ClientMetadata } from "oidc-provider";

/** One OAuth client of the mock provider, in the field names of the OAuth client registration spec. */
export type MockClient = { client_id: string; client_secret: string; redirect_uris?: string[] };

// One client per provider preset, so a project configured for any preset can point at this server unchanged.
export const PRESET_CLIENT_IDS = [
  "google",
  "github",
  "microsoft",
  "discord",
  "gitlab",
  "bitbucket",
  "linkedin",
  "spotify",
  "facebook",
  "twitch",
  "x",
  "apple",
  "generic",
] as const;

export const DEFAULT_CLIENT_SECRET = "MOCK-SERVER-SECRET";

// oidc-provider wants at least one registered redirect URI per client; every loopback callback is allowed on top of
// it (see isLoopbackCallback), so this one only has to be well-formed.
const PLACEHOLDER_REDIRECT_URI = "http://localhost/callback";

/** Whether a redirect URI is a plain-http callback on this machine, which every client may use without registering. */
export function isLoopbackCallback(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
}

/** Extra clients from the HEXCLAVE_MOCK_OAUTH_CLIENTS JSON array; a malformed value stops the server instead of being ignored. */
export function clientsFromEnv(raw = process.env.HEXCLAVE_MOCK_OAUTH_CLIENTS): MockClient[] {
  if (raw === undefined || raw.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("HEXCLAVE_MOCK_OAUTH_CLIENTS must be a JSON array of {client_id, client_secret, redirect_uris}.");
  }
  if (!Array.isArray(parsed)) throw new Error("HEXCLAVE_MOCK_OAUTH_CLIENTS must be a JSON array.");
  return parsed.map((entry, index) => {
    const { client_id, client_secret, redirect_uris } = (entry ?? {}) as Record<string, unknown>;
    const urisOk = redirect_uris === undefined || (Array.isArray(redirect_uris) && redirect_uris.every((uri) => typeof uri === "string"));
    if (typeof client_id !== "string" || client_id === "" || typeof client_secret !== "string" || client_secret === "" || !urisOk) {
      throw new Error(`HEXCLAVE_MOCK_OAUTH_CLIENTS[${index}] needs a string client_id and client_secret and string redirect_uris.`);
    }
    return { client_id, client_secret, redirect_uris: redirect_uris as string[] | undefined };
  });
}

/** The preset clients plus `extra`; an extra client with a preset's id replaces that preset. */
export function buildClientMetadata(extra: MockClient[] = []): ClientMetadata[] {
  const byId = new Map<string, MockClient>();
  for (const client_id of PRESET_CLIENT_IDS) byId.set(client_id, { client_id, client_secret: DEFAULT_CLIENT_SECRET });
  for (const client of extra) byId.set(client.client_id, client);
  return [...byId.values()].map((client) => ({
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: client.redirect_uris?.length ? client.redirect_uris : [PLACEHOLDER_REDIRECT_URI],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    // Either client_secret_basic or client_secret_post is accepted at the token endpoint whatever is registered here.
    token_endpoint_auth_method: "client_secret_basic",
  }));
}
