import { KnownErrors } from "@stackframe/stack-shared";
import * as oidc from "openid-client";
import type { OAuthSettings } from "../../lib/oauth-settings";
import type { OAuthProviderConfig, ProjectConfig } from "../projects/config";
import { PRESETS, type Preset, type ProviderProfile, ProviderAnswerError, onOrigin, openIdProfile } from "./presets";

/** The mock OAuth server's secret for every preset client; it only ever runs on a developer's machine or in tests. */
const MOCK_CLIENT_SECRET = "MOCK-SERVER-SECRET";
const PROVIDER_TIMEOUT_SECONDS = 10;
const DISCOVERY_TTL_MS = 10 * 60 * 1000;

/** One provider of one project, ready to talk to: its library configuration and how it reads a profile. */
export type ProviderClient = {
  configId: string;
  type: string;
  entry: OAuthProviderConfig;
  /** On the shared development keys (the mock server here): no extra scopes, no provider tokens for the app. */
  usesSharedKeys: boolean;
  client: oidc.Configuration;
  scopes: string[];
  authorizationParams: Record<string, string>;
  /** Whether the token response carries an ID token that is checked (OpenID providers). */
  expectsIdToken: boolean;
  profile(tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): Promise<ProviderProfile>;
};

function insecureIfHttp(config: oidc.Configuration, ...urls: (string | undefined)[]) {
  // Plain http is only ever configured by the operator, for the mock server or a test server on this machine.
  if (urls.some((url) => url?.startsWith("http:"))) oidc.allowInsecureRequests(config);
  config.timeout = PROVIDER_TIMEOUT_SECONDS;
}

const discoveries = new Map<string, { at: number; metadata: Promise<oidc.ServerMetadata> }>();

/** The issuer's discovery document, kept for ten minutes per process; a failed fetch is not kept. */
function discoveredMetadata(issuerUrl: string): Promise<oidc.ServerMetadata> {
  const cached = discoveries.get(issuerUrl);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
  const execute = issuerUrl.startsWith("http:") ? [oidc.allowInsecureRequests] : [];
  const metadata = oidc
    .discovery(new URL(issuerUrl), "discovery", undefined, undefined, { execute, timeout: PROVIDER_TIMEOUT_SECONDS })
    .then((config) => config.serverMetadata());
  discoveries.set(issuerUrl, { at: Date.now(), metadata });
  metadata.catch(() => discoveries.delete(issuerUrl));
  return metadata;
}

// One library configuration per issuer and client, so its cache of the issuer's signing keys outlives a request.
const openIdClients = new Map<string, { metadata: oidc.ServerMetadata; client: oidc.Configuration }>();

async function openIdClient(issuerUrl: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  let metadata: oidc.ServerMetadata;
  try {
    metadata = await discoveredMetadata(issuerUrl);
  } catch {
    throw new KnownErrors.OAuthProviderTemporarilyUnavailable();
  }
  const key = JSON.stringify([issuerUrl, clientId, clientSecret]);
  const cached = openIdClients.get(key);
  if (cached?.metadata === metadata) return cached.client;
  const client = new oidc.Configuration(metadata, clientId, clientSecret);
  insecureIfHttp(client, issuerUrl);
  if (openIdClients.size >= 1000) openIdClients.clear();
  openIdClients.set(key, { metadata, client });
  return client;
}

/** Reads a provider API with the access token, through the library, as JSON. */
function resourceReader(client: oidc.Configuration, accessToken: string) {
  return async (url: string, headers: Record<string, string> = {}) => {
    const response = await oidc.fetchProtectedResource(client, accessToken, new URL(url), "GET", undefined, new Headers({ accept: "application/json", ...headers }));
    if (!response.ok) throw new ProviderAnswerError(`The provider answered ${response.status} for its profile.`);
    try {
      return await response.json();
    } catch {
      throw new ProviderAnswerError("The provider's profile is not JSON.");
    }
  };
}

function openIdProvider(base: Omit<ProviderClient, "profile" | "expectsIdToken" | "authorizationParams">): ProviderClient {
  return {
    ...base,
    authorizationParams: {},
    expectsIdToken: true,
    profile: async (tokens) => {
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const userinfo = await oidc.fetchUserInfo(base.client, tokens.access_token, String(claims.sub ?? oidc.skipSubjectCheck));
      return openIdProfile({ ...claims, ...userinfo });
    },
  };
}

const presetClients = new Map<string, oidc.Configuration>();

function presetProvider(configId: string, entry: OAuthProviderConfig, preset: Preset, origin: string | undefined): ProviderClient {
  const tenant = entry.microsoftTenantId || "common";
  const at = (endpoint: string) => onOrigin(endpoint.replace("{tenant}", encodeURIComponent(tenant)), origin);
  const metadata: oidc.ServerMetadata = {
    issuer: origin ?? preset.openId?.issuer ?? new URL(preset.authorizationEndpoint).origin,
    authorization_endpoint: at(preset.authorizationEndpoint),
    token_endpoint: at(preset.tokenEndpoint),
    ...(preset.openId ? { jwks_uri: at(preset.openId.jwksUri) } : {}),
  };
  const secret = entry.clientSecret!;
  const key = JSON.stringify([metadata, entry.clientId, secret]);
  let client = presetClients.get(key);
  if (!client) {
    client = new oidc.Configuration(metadata, entry.clientId!, secret, preset.clientAuth === "basic" ? oidc.ClientSecretBasic(secret) : undefined);
    insecureIfHttp(client, origin);
    if (presetClients.size >= 1000) presetClients.clear();
    presetClients.set(key, client);
  }
  return {
    configId,
    type: entry.type!,
    entry,
    usesSharedKeys: false,
    client,
    scopes: preset.scopes,
    authorizationParams: { ...preset.authorizationParams, ...(entry.facebookConfigId ? { config_id: entry.facebookConfigId } : {}) },
    expectsIdToken: Boolean(preset.openId),
    profile: (tokens) =>
      preset.profile({
        read: resourceReader(client, tokens.access_token),
        claims: tokens.claims() as Record<string, unknown> | undefined,
        url: (endpoint) => onOrigin(endpoint, origin),
        clientId: entry.clientId!,
      }),
  };
}

/**
 * The provider a project configured under `configId`, or OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED. A provider on the
 * shared development keys works only where the deployment has them, which here means the mock OAuth server: a
 * self-hosted backend has no keys to share, so each project brings its own client id and secret.
 */
export async function providerClient(config: ProjectConfig, configId: string, settings: OAuthSettings): Promise<ProviderClient> {
  const entry = Object.hasOwn(config.auth.oauth.providers, configId) ? config.auth.oauth.providers[configId] : undefined;
  if (!entry?.type) throw new KnownErrors.OAuthProviderNotFoundOrNotEnabled();
  const base = { configId, type: entry.type, entry };
  if (entry.type === "oidc") {
    const client = await openIdClient(entry.issuerUrl!, entry.clientId!, entry.clientSecret!);
    return openIdProvider({ ...base, usesSharedKeys: false, client, scopes: ["openid", "email", "profile"] });
  }
  const preset = PRESETS[entry.type];
  if (!preset) throw new KnownErrors.InvalidStandardOAuthProviderId(entry.type);
  if (entry.isShared) {
    if (!settings.mockServerUrl) throw new KnownErrors.InvalidSharedOAuthProviderId(configId);
    const client = await openIdClient(settings.mockServerUrl, entry.type, MOCK_CLIENT_SECRET);
    return openIdProvider({ ...base, usesSharedKeys: true, client, scopes: ["openid", "email", "profile"] });
  }
  return presetProvider(configId, entry, preset, settings.baseUrlOverrides[entry.type]);
}

/** Where the provider sends the person back: this API, or the URL the project registered at the provider instead. */
export function providerCallbackUrl(apiUrl: string, provider: ProviderClient): string {
  return provider.entry.customCallbackUrl ?? `${apiUrl}/api/v1/auth/oauth/callback/${encodeURIComponent(provider.configId)}`;
}
