import { KnownError } from "@stackframe/stack-shared";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { writeLogRecord } from "../lib/json-log";
import { StatusError } from "../lib/status-error";
import { clientIpOf } from "../routes/client-ip";

// OWASP ASVS 16.3: authentication outcomes, revocations and refused access are logged as security events, each with
// who, what, when and where. They are read off the finished request (its route, status and known error code) in one
// place, so domain code stays free of logging and a new route cannot forget it.

/** Routes whose outcome is an authentication, with the method they authenticate by. */
const AUTHENTICATION_ROUTES: Record<string, string> = {
  "POST /auth/password/sign-in": "password",
  "POST /auth/password/sign-up": "password_sign_up",
  "POST /auth/password/update": "password_change",
  "POST /auth/password/reset": "password_reset",
  "POST /auth/otp/sign-in": "otp",
  "POST /auth/mfa/sign-in": "totp",
  "POST /auth/passkey/sign-in": "passkey",
  "POST /auth/anonymous/sign-up": "anonymous_sign_up",
  "POST /auth/oauth/token": "oauth_token",
  "POST /auth/oauth/callback/apple/native": "apple_id_token",
  "POST /auth/sessions/current/refresh": "refresh_token",
  "POST /auth/sessions": "server_issued_session",
  "POST /user-api-keys/check": "user_api_key",
  "POST /team-api-keys/check": "team_api_key",
};

// An app's server checks a key on every request it serves: a success is routine traffic (an access log's business),
// and logging each one would cost the check a synchronous write. Refused keys are still events.
const ROUTINE_SUCCESSES = new Set(["POST /user-api-keys/check", "POST /team-api-keys/check"]);

/** Refusals of a project credential, on whatever route they happen, by the credential refused. */
const CREDENTIAL_FAILURES: Record<string, string> = {
  INVALID_PUBLISHABLE_CLIENT_KEY: "publishable_client_key",
  PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT: "publishable_client_key",
  INVALID_SECRET_SERVER_KEY: "secret_server_key",
  INVALID_SUPER_SECRET_ADMIN_KEY: "super_secret_admin_key",
  UNPARSABLE_ACCESS_TOKEN: "access_token",
  INVALID_PROJECT_FOR_ACCESS_TOKEN: "access_token",
  UNPARSABLE_ADMIN_ACCESS_TOKEN: "admin_access_token",
  ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN: "admin_access_token",
  INVALID_OAUTH_CLIENT_ID_OR_SECRET: "oauth_client",
  CURRENT_PROJECT_NOT_FOUND: "project_id",
  BRANCH_DOES_NOT_EXIST: "branch_id",
};

/** Answers to requests that never reached a credential check: malformed, not an authentication attempt. */
const REQUEST_SHAPE_ERRORS = new Set([
  "BODY_PARSING_ERROR",
  "SCHEMA_ERROR",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "PROJECT_KEY_WITHOUT_ACCESS_TYPE",
  "INVALID_ACCESS_TYPE",
  "ACCESS_TYPE_WITHOUT_PROJECT_ID",
  "ACCESS_TYPE_REQUIRED",
  "INSUFFICIENT_ACCESS_TYPE",
]);

const FAILURE_EVENTS: Record<string, string> = {
  VERIFICATION_CODE_MAX_ATTEMPTS_REACHED: "authentication.locked_out",
  MULTI_FACTOR_AUTHENTICATION_REQUIRED: "authentication.second_factor_required",
};

const REVOCATION_ROUTES: Record<string, string> = {
  "PATCH /user-api-keys/:api_key_id": "api_key.revoked",
  "PATCH /team-api-keys/:api_key_id": "api_key.revoked",
  "PATCH /internal/api-keys/:api_key_id": "project_key_set.revoked",
};

type Classified = { event: string; method?: string; readsUser?: boolean };

function isDenied(error: Error | undefined, code: string | null): boolean {
  if (error instanceof StatusError) return error.status === 403;
  return code === "TEAM_PERMISSION_REQUIRED" || code === "PROJECT_PERMISSION_REQUIRED";
}

function isNotFound(error: Error | undefined, code: string | null): boolean {
  if (error instanceof StatusError) return error.status === 404;
  return code !== null && /_NOT_FOUND$|_DOES_NOT_EXIST$/.test(code);
}

function classify(route: string, status: number, error: Error | undefined, code: string | null, body: unknown): Classified | null {
  if (code !== null && CREDENTIAL_FAILURES[code]) return { event: "authentication.failed", method: CREDENTIAL_FAILURES[code] };
  if (code === "CREDENTIAL_IN_URL") return { event: "credential.revoked_in_url" };
  const method = AUTHENTICATION_ROUTES[route];
  if (method) {
    if (status < 300) return ROUTINE_SUCCESSES.has(route) ? null : { event: "authentication.succeeded", method, readsUser: true };
    if (status < 500 && !(code !== null && REQUEST_SHAPE_ERRORS.has(code))) {
      return { event: (code !== null && FAILURE_EVENTS[code]) || "authentication.failed", method };
    }
    return null;
  }
  if (status < 300) {
    if (route === "POST /integrations/credential-scanning/revoke") return { event: "api_key.revoked", method: "credential_scanning" };
    const revocation = REVOCATION_ROUTES[route];
    if (revocation && (body as { revoked?: unknown } | undefined)?.revoked === true) return { event: revocation };
    return null;
  }
  // Another project's ids get exactly this answer, so every not-found is kept for whoever looks for probing.
  if (status < 500 && isNotFound(error, code)) return { event: "access.not_found" };
  if (status < 500 && isDenied(error, code)) return { event: "access.denied" };
  return null;
}

function clip(value: unknown, max = 256): string | null {
  return typeof value === "string" ? value.slice(0, max) : null;
}

/** The user a successful authentication answered for: the response's user_id, else its access token's subject. */
async function authenticatedUserOf(c: Context<AppEnv>): Promise<string | null> {
  try {
    const json = (await c.res.clone().json()) as { user_id?: unknown; access_token?: unknown };
    if (typeof json.user_id === "string") return json.user_id;
    if (typeof json.access_token !== "string") return null;
    const payload = JSON.parse(Buffer.from(json.access_token.split(".")[1] ?? "", "base64url").toString("utf8")) as { sub?: unknown };
    return clip(payload.sub);
  } catch {
    return null;
  }
}

/**
 * Writes the security event of a finished request, if it is one. Called by the request pipeline after the route and
 * the error handler ran, before any status rewriting.
 */
export async function recordSecurityEvent(c: Context<AppEnv>): Promise<void> {
  const error = c.error;
  // No read that raised nothing is an event; the hot read paths stop here.
  if (error === undefined && c.req.method === "GET") return;
  const code = error instanceof KnownError ? error.code : null;
  const route = `${c.req.method} ${c.req.routePath.replace(/^\/api\/(v1|latest)(?=\/|$)/, "")}`;
  const body = c.get("requestBody");
  const classified = classify(route, c.res.status, error, code, body);
  if (!classified) return;
  const auth = c.get("auth");
  const headers = c.get("stackHeaders");
  const fields = (body ?? {}) as Record<string, unknown>;
  const userId = (classified.readsUser ? await authenticatedUserOf(c) : null) ?? auth?.user?.row.id ?? auth?.tokenUserId ?? null;
  const services = c.get("services");
  writeLogRecord({
    log: "security",
    event: classified.event,
    time: new Date().toISOString(),
    request_id: c.get("requestId"),
    who: {
      project_id: auth?.tenancy.project.id ?? clip(headers["project-id"]) ?? clip(fields.client_id)?.split("#")[0] ?? null,
      access_type: auth?.type ?? clip(headers["access-type"]),
      user_id: userId,
      ...(AUTHENTICATION_ROUTES[route] && typeof fields.email === "string" ? { email: clip(fields.email, 320) } : {}),
    },
    what: {
      route,
      status: c.res.status,
      code,
      ...(classified.method ? { method: classified.method } : {}),
      ...(classified.event.startsWith("access.") || REVOCATION_ROUTES[route] ? { params: c.req.param() } : {}),
    },
    where: {
      ip: clientIpOf(c),
      user_agent: clip(c.req.header("user-agent"), 512),
    },
  });
}
