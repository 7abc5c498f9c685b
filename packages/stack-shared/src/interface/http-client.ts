import { knownErrorFromJson } from "../known-error";
import { AdminAccessTokenExpired, InvalidAccessToken, InvalidAdminAccessToken, RefreshTokenError } from "../known-errors";
import type { AccessType } from "../headers";
import type { AccessToken } from "./access-token";
import type { InternalSession } from "./session";

export type HttpClientOptions = {
  baseUrl: string;
  projectId: string;
  /** e.g. `js @stackframe/js@1.0.0`, sent as x-hexclave-client-version. */
  clientVersion: string;
  publishableClientKey?: string;
  secretServerKey?: string;
  superSecretAdminKey?: string;
  /** A session of the `internal` project whose access token is sent as the admin access token. */
  projectOwnerSession?: InternalSession;
  extraRequestHeaders?: Record<string, string>;
  fetch?: typeof fetch;
  /** Waits between retries; replaceable so tests need not sleep. */
  sleep?: (millis: number) => Promise<void>;
};

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
};

/** A non-2xx answer without a known error (plain-text errors of the API). */
export class HexclaveHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`The server answered ${status}: ${body.slice(0, 500)}`);
    this.name = "HexclaveHttpError";
  }
}

const MAX_ATTEMPTS = 5;
const IDEMPOTENT_METHODS = new Set(["GET", "PUT", "DELETE"]);
// The sentinel the token endpoint accepts as "no publishable key".
const PUBLIC_CLIENT_SECRET = "__stack_public_client__";

// Credentials never ride on cookies to the API, and nothing is served from a cache.
const FETCH_DEFAULTS = { credentials: "omit", cache: "no-store" } as RequestInit;

const defaultSleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

function randomNonce(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

function header(response: Response, name: string): string | null {
  return response.headers.get(`x-hexclave-${name}`) ?? response.headers.get(`x-stack-${name}`);
}

/** Seconds (or an HTTP date) from Retry-After, in milliseconds; a backoff when absent. */
function retryDelay(response: Response | null, attempt: number): number {
  const value = response?.headers.get("retry-after");
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return Math.min(1000 * 2 ** attempt, 10_000) * (0.5 + Math.random() / 2);
}

/**
 * The HTTP layer every SDK call goes through: Hexclave headers out, Hexclave-then-Stack headers in,
 * known errors rebuilt from `code` + `details`, refresh-and-retry on refused access tokens,
 * 429 `Retry-After`, and retries of idempotent requests on network errors.
 */
export class HexclaveHttpClient {
  readonly #fetch: typeof fetch;
  readonly #sleep: (millis: number) => Promise<void>;

  constructor(readonly options: HttpClientOptions) {
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#sleep = options.sleep ?? defaultSleep;
  }

  url(path: string, query?: RequestOptions["query"]): string {
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, "")}/api/v1${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString().replace(/\/$/, "");
  }

  /** Sends a request and returns its parsed JSON body; known errors are thrown as their classes. */
  async request<T>(path: string, options: RequestOptions, session: InternalSession | null, accessType: AccessType): Promise<T> {
    const response = await this.send(path, options, session, accessType);
    return (await response.json()) as T;
  }

  async send(path: string, options: RequestOptions, session: InternalSession | null, accessType: AccessType): Promise<Response> {
    const method = options.method ?? "GET";
    let retriedAccessToken = false;
    let retriedAdminToken = false;
    for (let attempt = 1; ; attempt++) {
      const accessToken = session ? await session.getAccessToken() : null;
      const adminToken = this.options.projectOwnerSession ? await this.options.projectOwnerSession.getAccessToken() : null;
      let response: Response;
      try {
        response = await this.#fetch(this.url(path, options.query), {
          method,
          headers: this.#headers(session, accessToken, adminToken, accessType, options.body !== undefined),
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          ...FETCH_DEFAULTS,
        });
      } catch (error) {
        if (!IDEMPOTENT_METHODS.has(method) || attempt >= MAX_ATTEMPTS) throw error;
        await this.#sleep(retryDelay(null, attempt));
        continue;
      }
      const status = Number(header(response, "actual-status") ?? response.status);
      // A 429 that carries a known error is the API's answer (e.g. a sign-in paused after wrong passwords): retrying it
      // would only add to the count. Plain 429s are load shedding and are retried after their Retry-After.
      if (status === 429 && header(response, "known-error") === null && attempt < MAX_ATTEMPTS) {
        await response.body?.cancel();
        await this.#sleep(retryDelay(response, attempt));
        continue;
      }
      if (status < 400) return response;

      const error = await HexclaveHttpClient.errorOf(response, status);
      if (error instanceof InvalidAccessToken && session && accessToken && !retriedAccessToken) {
        retriedAccessToken = true;
        session.markAccessTokenExpired(accessToken);
        continue;
      }
      if (error instanceof InvalidAdminAccessToken && adminToken && !retriedAdminToken) {
        retriedAdminToken = true;
        this.options.projectOwnerSession?.markAccessTokenExpired(adminToken);
        if (error instanceof AdminAccessTokenExpired) await this.options.projectOwnerSession?.refresh();
        continue;
      }
      throw error;
    }
  }

  /** The known error of a failed response, or a plain HTTP error when it carries none. */
  static async errorOf(response: Response, status: number): Promise<Error> {
    const code = header(response, "known-error");
    const text = await response.text();
    if (code === null) return new HexclaveHttpError(status, text);
    let json: { code?: unknown; error?: unknown; details?: unknown };
    try {
      json = JSON.parse(text);
    } catch {
      return new HexclaveHttpError(status, text);
    }
    if (json.code !== code) return new HexclaveHttpError(status, text);
    return knownErrorFromJson(status, {
      code,
      error: typeof json.error === "string" ? json.error : code,
      details: typeof json.details === "object" && json.details !== null ? (json.details as Record<string, unknown>) : undefined,
    });
  }

  /**
   * Refresh through the OAuth token endpoint, form-encoded and without project headers (RFC 6749 §6),
   * as the published SDK does. Null when the refresh token is no longer valid.
   */
  async refreshAccessToken(refreshToken: string): Promise<string | null> {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: this.options.projectId,
      client_secret: this.options.publishableClientKey ?? PUBLIC_CLIENT_SECRET,
    });
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.#fetch(this.url("/auth/oauth/token"), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form.toString(),
          ...FETCH_DEFAULTS,
        });
      } catch (error) {
        // Retrying is safe: refreshing does not rotate the refresh token.
        if (attempt >= MAX_ATTEMPTS) throw error;
        await this.#sleep(retryDelay(null, attempt));
        continue;
      }
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await response.body?.cancel();
        await this.#sleep(retryDelay(response, attempt));
        continue;
      }
      if (response.ok) {
        const { access_token } = (await response.json()) as { access_token?: unknown };
        if (typeof access_token !== "string") throw new HexclaveHttpError(response.status, "The token endpoint answered without an access_token.");
        return access_token;
      }
      const error = await HexclaveHttpClient.errorOf(response, response.status);
      if (error instanceof RefreshTokenError) return null;
      throw error;
    }
  }

  #headers(
    session: InternalSession | null,
    accessToken: AccessToken | null,
    adminToken: AccessToken | null,
    accessType: AccessType,
    hasBody: boolean,
  ): Record<string, string> {
    const { options } = this;
    const headers: Record<string, string> = {
      "x-hexclave-override-error-status": "true",
      "x-hexclave-project-id": options.projectId,
      "x-hexclave-access-type": accessType,
      "x-hexclave-client-version": options.clientVersion,
      "x-hexclave-allow-anonymous-user": "true",
      "x-hexclave-random-nonce": randomNonce(),
      ...options.extraRequestHeaders,
    };
    if (hasBody) headers["content-type"] = "application/json";
    if (options.publishableClientKey) headers["x-hexclave-publishable-client-key"] = options.publishableClientKey;
    if (accessType !== "client" && options.secretServerKey) headers["x-hexclave-secret-server-key"] = options.secretServerKey;
    if (accessType === "admin" && options.superSecretAdminKey) headers["x-hexclave-super-secret-admin-key"] = options.superSecretAdminKey;
    if (adminToken) headers["x-hexclave-admin-access-token"] = adminToken.token;
    if (accessToken) headers["x-hexclave-access-token"] = accessToken.token;
    if (session?.refreshToken) headers["x-hexclave-refresh-token"] = session.refreshToken;
    return headers;
  }
}

