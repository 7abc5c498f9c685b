import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { TestEnv } from "./test-env";

export function testEnv(): TestEnv {
  return inject("testEnv");
}

export type ApiResponse = { status: number; headers: Headers; body: any; text: string };

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string | undefined>;
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string | Uint8Array;
  baseUrl?: string;
};

/** One HTTP call to the backend; never throws on a status, so tests can assert on any response. */
export async function api(path: string, options: RequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
  let body: string | Uint8Array | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${options.baseUrl ?? testEnv().backendUrl}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain-text body
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export type TestProject = {
  projectId: string;
  publishableClientKey: string;
  secretServerKey: string;
  superSecretAdminKey: string;
  owner: SignedInUser;
};

export type SignedInUser = { userId: string; email: string; password: string; accessToken: string; refreshToken: string };

export type AccessType = "client" | "server" | "admin";

/** Project headers for an access type, under the brand given (`x-hexclave-` by default). */
export function projectHeaders(
  project: Pick<TestProject, "projectId" | "publishableClientKey" | "secretServerKey" | "superSecretAdminKey">,
  accessType: AccessType,
  extra: Record<string, string | undefined> = {},
  prefix = "x-hexclave-",
): Record<string, string | undefined> {
  const key =
    accessType === "client"
      ? { "publishable-client-key": project.publishableClientKey }
      : accessType === "server"
        ? { "secret-server-key": project.secretServerKey }
        : { "super-secret-admin-key": project.superSecretAdminKey };
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries({ "project-id": project.projectId, "access-type": accessType, ...key, ...extra })) {
    headers[`${prefix}${name}`] = value;
  }
  return headers;
}

export function internalProject(): Pick<TestProject, "projectId" | "publishableClientKey" | "secretServerKey" | "superSecretAdminKey"> {
  const { internalKeys } = testEnv();
  return { projectId: "internal", ...internalKeys };
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 12)}@example.com`;
}

export async function signUpWithPassword(
  project: Pick<TestProject, "projectId" | "publishableClientKey" | "secretServerKey" | "superSecretAdminKey">,
  email = uniqueEmail(),
  password = "correct horse battery",
): Promise<SignedInUser> {
  const response = await api("/api/v1/auth/password/sign-up", {
    headers: projectHeaders(project, "client"),
    body: { email, password },
  });
  if (response.status !== 200) throw new Error(`Sign-up failed: ${response.status} ${response.text}`);
  return { userId: response.body.user_id, email, password, accessToken: response.body.access_token, refreshToken: response.body.refresh_token };
}

/** A new project owned by a new internal user, with a full key set: the way an operator makes one through the admin REST API. */
export async function createTestProject(displayName = "E2E project"): Promise<TestProject> {
  const owner = await signUpWithPassword(internalProject(), uniqueEmail("owner"));
  const me = await api("/api/v1/users/me", { headers: projectHeaders(internalProject(), "client", { "access-token": owner.accessToken }) });
  const teamId = me.body.selected_team_id as string;
  const created = await api("/api/v1/internal/projects", {
    headers: projectHeaders(internalProject(), "client", { "access-token": owner.accessToken }),
    body: { display_name: displayName, owner_team_id: teamId, config: {} },
  });
  if (created.status !== 201) throw new Error(`Project creation failed: ${created.status} ${created.text}`);
  const projectId = created.body.id as string;
  const keys = await api("/api/v1/internal/api-keys", {
    headers: { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": owner.accessToken },
    body: {
      description: "e2e",
      expires_at_millis: Date.now() + 24 * 3600 * 1000,
      has_publishable_client_key: true,
      has_secret_server_key: true,
      has_super_secret_admin_key: true,
    },
  });
  if (keys.status !== 200) throw new Error(`Key creation failed: ${keys.status} ${keys.text}`);
  return {
    projectId,
    publishableClientKey: keys.body.publishable_client_key,
    secretServerKey: keys.body.secret_server_key,
    superSecretAdminKey: keys.body.super_secret_admin_key,
    owner,
  };
}

/** The refresh the SDKs make: form-encoded, no project headers, the project in `client_id`. */
export function refreshWithOAuth(clientId: string, refreshToken: string): Promise<ApiResponse> {
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId, client_secret: "__stack_public_client__" });
  return api("/api/v1/auth/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form.toString() });
}

let pool: pg.Pool | undefined;

/** Direct SQL on the test database, for row counts that prove a rejected request wrote nothing. */
export async function sql<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: testEnv().databaseUrl, max: 2 });
  return (await pool.query(text, values)).rows as T[];
}

/** Every table whose rows belong to one tenancy (they carry tenancy_id). */
export const TENANCY_TABLES = [
  "project_users",
  "contact_channels",
  "password_credentials",
  "sessions",
  "teams",
  "team_members",
  "email_outbox",
  "verification_codes",
  "team_permission_grants",
  "project_permission_grants",
  "project_api_keys",
];

export function expectKnownError(response: ApiResponse, code: string, status: number): void {
  if (response.status !== status || response.body?.code !== code) {
    throw new Error(`Expected ${status} ${code}, got ${response.status} ${response.text}`);
  }
  for (const prefix of ["x-stack-", "x-hexclave-"]) {
    if (response.headers.get(`${prefix}known-error`) !== code) throw new Error(`Missing ${prefix}known-error: ${code}`);
  }
}

/** Turns on sign-in codes and magic links (the legacy config key `magic_link_enabled`), off for new projects. */
export async function enableMagicLinks(target: Pick<TestProject, "projectId" | "superSecretAdminKey"> & { baseUrl?: string }) {
  const response = await api("/api/v1/internal/projects/current", {
    baseUrl: target.baseUrl,
    method: "PATCH",
    headers: { "x-hexclave-project-id": target.projectId, "x-hexclave-access-type": "admin", "x-hexclave-super-secret-admin-key": target.superSecretAdminKey },
    body: { config: { magic_link_enabled: true } },
  });
  if (response.status !== 200) throw new Error(`Enabling sign-in codes failed: ${response.status} ${response.text}`);
}

/** Changes a project's config through the legacy admin PATCH (its `config.*` keys). */
export async function patchProjectConfig(target: Pick<TestProject, "projectId" | "superSecretAdminKey">, config: Record<string, unknown>) {
  const response = await api("/api/v1/internal/projects/current", {
    method: "PATCH",
    headers: { "x-hexclave-project-id": target.projectId, "x-hexclave-access-type": "admin", "x-hexclave-super-secret-admin-key": target.superSecretAdminKey },
    body: { config },
  });
  if (response.status !== 200) throw new Error(`Config change failed: ${response.status} ${response.text}`);
}
