/** Fakes shared by the unit tests of the wire client and the SDK: a scripted fetch, canned replies, wire fixtures, a recording sleep and unsigned JWTs. */
import type { AdminProjectJson, ApiKeyJson, ContactChannelJson, ServerTeamJson, ServerUserJson, TeamJson, UserJson } from "./wire-types";

export type Call = { url: string; method: string; headers: Record<string, string>; body: string | undefined };
export type Reply = Response | Error | ((call: Call) => Response);

export const BASE_URL = "https://api.example.com";
export const PROJECT_ID = "proj-1";
export const HOUR = 60 * 60 * 1000;

/** A fetch that records every call and answers from a script, in order. */
export function fakeFetch(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const call: Call = {
      url: String(input),
      method: init?.method ?? "GET",
      headers,
      body: typeof init?.body === "string" ? init.body : undefined,
    };
    calls.push(call);
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`unscripted request: ${call.method} ${call.url}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(call) : reply;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function ok(body: unknown = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", ...headers } });
}

/** A known error the way the API sends it when x-hexclave-override-error-status is set. */
export function knownError(code: string, status: number, details?: Record<string, unknown>, prefixes = ["x-hexclave-", "x-stack-"]): Response {
  const headers: Record<string, string> = { "content-type": "application/json" };
  for (const prefix of prefixes) {
    headers[`${prefix}actual-status`] = String(status);
    headers[`${prefix}known-error`] = code;
  }
  return new Response(JSON.stringify({ code, error: `error ${code}`, ...(details ? { details } : {}) }), { status: 200, headers });
}

/** What a recorded call asked for, the way tests name a call: `GET /teams?user_id=me` and the parsed body. */
export function requestOf(call: Call): { method: string; path: string; body: unknown; accessType: string | undefined } {
  const url = new URL(call.url);
  return {
    method: call.method,
    path: `${url.pathname.replace(/^\/api\/v1/, "")}${url.search}`,
    body: call.body === undefined ? undefined : JSON.parse(call.body),
    accessType: call.headers["x-hexclave-access-type"],
  };
}

/** A sleep that only records how long it was asked to wait. */
export function fakeSleep() {
  const delays: number[] = [];
  const sleep = async (millis: number) => {
    delays.push(millis);
  };
  return { sleep, delays };
}

export function base64Url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

/** A JWT with this payload and a signature nobody checks: the client never verifies tokens. */
export function jwt(payload: unknown): string {
  return `${base64Url(JSON.stringify({ alg: "ES256", typ: "JWT" }))}.${base64Url(JSON.stringify(payload))}.not-a-real-signature`;
}

/** An access token whose `exp` lies `millis` from now. */
export function accessTokenExpiringIn(millis: number, sub = "user-1"): string {
  const now = Date.now();
  return jwt({ sub, iat: Math.floor(now / 1000), exp: Math.floor((now + millis) / 1000), project_id: PROJECT_ID, refresh_token_id: "rt-1" });
}

/** Wire objects with plausible values, for tests that need one and care about a few fields. */
export const FIXTURE_IDS = {
  user: "3f1c2b7e-0000-4000-8000-000000000001",
  team: "9c0f4a52-0000-4000-8000-0000000000aa",
  apiKey: "5d2e9b10-0000-4000-8000-0000000000bb",
  invitation: "77aa1c3e-0000-4000-8000-0000000000cc",
  contactChannel: "2b8d6f41-0000-4000-8000-0000000000dd",
} as const;

export function teamJson(overrides: Partial<TeamJson> = {}): TeamJson {
  return { id: FIXTURE_IDS.team, display_name: "Design", profile_image_url: null, client_metadata: null, client_read_only_metadata: null, ...overrides };
}

export function serverTeamJson(overrides: Partial<ServerTeamJson> = {}): ServerTeamJson {
  return { ...teamJson(), created_at_millis: 1_700_000_000_000, server_metadata: null, ...overrides };
}

export function userJson(overrides: Partial<UserJson> = {}): UserJson {
  return {
    id: FIXTURE_IDS.user,
    primary_email: "ada@example.com",
    primary_email_verified: true,
    display_name: "Ada",
    selected_team: null,
    selected_team_id: null,
    profile_image_url: null,
    signed_up_at_millis: 1_700_000_000_000,
    has_password: true,
    otp_auth_enabled: false,
    passkey_auth_enabled: false,
    client_metadata: null,
    client_read_only_metadata: null,
    is_anonymous: false,
    is_restricted: false,
    restricted_reason: null,
    restricted_by_admin: false,
    restricted_by_admin_reason: null,
    oauth_providers: [],
    auth_with_email: true,
    requires_totp_mfa: false,
    ...overrides,
  };
}

export function serverUserJson(overrides: Partial<ServerUserJson> = {}): ServerUserJson {
  return {
    ...userJson(),
    selected_team: null,
    primary_email_auth_enabled: true,
    server_metadata: null,
    last_active_at_millis: 1_700_000_000_000,
    restricted_by_admin_private_details: null,
    country_code: null,
    risk_scores: { sign_up: { bot: 0, free_trial_abuse: 0 } },
    ...overrides,
  };
}

export function contactChannelJson(overrides: Partial<ContactChannelJson> = {}): ContactChannelJson {
  return {
    id: FIXTURE_IDS.contactChannel,
    user_id: FIXTURE_IDS.user,
    type: "email",
    value: "ada@example.com",
    is_verified: true,
    is_primary: true,
    used_for_auth: true,
    ...overrides,
  };
}

export function apiKeyJson(overrides: Partial<ApiKeyJson> = {}): ApiKeyJson {
  return {
    id: FIXTURE_IDS.apiKey,
    description: "CI",
    created_at_millis: 1_700_000_000_000,
    is_public: false,
    value: { last_four: "abcd" },
    type: "user",
    user_id: FIXTURE_IDS.user,
    ...overrides,
  } as ApiKeyJson;
}

export function adminProjectJson(overrides: Partial<AdminProjectJson> = {}): AdminProjectJson {
  return {
    id: PROJECT_ID,
    display_name: "Acme",
    description: null,
    created_at_millis: 1_700_000_000_000,
    is_production_mode: false,
    owner_team_id: FIXTURE_IDS.team,
    config: {
      sign_up_enabled: true,
      credential_enabled: true,
      magic_link_enabled: false,
      passkey_enabled: false,
      client_team_creation_enabled: false,
      client_user_deletion_enabled: false,
      allow_user_api_keys: false,
      allow_team_api_keys: false,
      enabled_oauth_providers: [],
      domains: [],
    },
    ...overrides,
  };
}

export function list<T>(items: T[]): { items: T[]; is_paginated: false } {
  return { items, is_paginated: false };
}
