import { describe, expect, it, vi } from "vitest";
import { KnownError } from "../known-error";
import * as KnownErrors from "../known-errors";
import { ClientInterface } from "./client-interface";
import { HexclaveHttpClient, HexclaveHttpError, type HttpClientOptions } from "./http-client";
import { InternalSession } from "./session";
import { BASE_URL, type Call, HOUR, PROJECT_ID, type Reply, accessTokenExpiringIn, fakeFetch, fakeSleep, jwt, knownError, ok } from "./test-support";


const CLIENT_VERSION = "js @stackframe/js@1.0.0";

function setup(replies: Reply[], options: Partial<HttpClientOptions> = {}) {
  const { fetch, calls } = fakeFetch(...replies);
  const { sleep, delays } = fakeSleep();
  const client = new HexclaveHttpClient({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: CLIENT_VERSION, fetch, sleep, ...options });
  return { client, calls, delays };
}


/** The token endpoint's answer (it is called without the override header, so statuses are real). */
function tokenResponse(accessToken: string): Response {
  return ok({ access_token: accessToken, token_type: "Bearer" });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

function sessionFor(client: HexclaveHttpClient, accessToken: string | null, refreshToken: string | null): InternalSession {
  return new InternalSession((token) => client.refreshAccessToken(token), { accessToken, refreshToken });
}

describe("HexclaveHttpClient request headers", () => {
  it("sends the project id", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.headers["x-hexclave-project-id"]).toBe(PROJECT_ID);
  });

  it.each(["client", "server", "admin"] as const)("sends the %s access type of the call", async (accessType) => {
    const { client, calls } = setup([ok()]);
    await client.request("/users", {}, null, accessType);
    expect(calls[0]?.headers["x-hexclave-access-type"]).toBe(accessType);
  });

  it("asks for error statuses to be overridden", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.headers["x-hexclave-override-error-status"]).toBe("true");
  });

  it("sends the client version", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.headers["x-hexclave-client-version"]).toBe(CLIENT_VERSION);
  });

  it("sends a random nonce that differs between two requests", async () => {
    const { client, calls } = setup([ok(), ok()]);
    await client.request("/users/me", {}, null, "client");
    await client.request("/users/me", {}, null, "client");
    const [first, second] = calls.map((call) => call.headers["x-hexclave-random-nonce"]);
    expect(first).toEqual(expect.any(String));
    expect(first).not.toBe("");
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it("allows anonymous users", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.headers["x-hexclave-allow-anonymous-user"]).toBe("true");
  });

  it("sends the publishable client key when one is configured", async () => {
    const { client, calls } = setup([ok()], { publishableClientKey: "pck_123" });
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.headers["x-hexclave-publishable-client-key"]).toBe("pck_123");
  });

  it("sends no publishable client key header when none is configured", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.headers).not.toHaveProperty("x-hexclave-publishable-client-key");
  });

  it("sends the secret server key only for server and admin access", async () => {
    const { client, calls } = setup([ok(), ok(), ok()], { secretServerKey: "ssk_123" });
    await client.request("/users", {}, null, "client");
    await client.request("/users", {}, null, "server");
    await client.request("/users", {}, null, "admin");
    expect(calls.map((call) => call.headers["x-hexclave-secret-server-key"])).toEqual([undefined, "ssk_123", "ssk_123"]);
  });

  it("sends the super secret admin key only for admin access", async () => {
    const { client, calls } = setup([ok(), ok(), ok()], { superSecretAdminKey: "sak_123" });
    await client.request("/users", {}, null, "client");
    await client.request("/users", {}, null, "server");
    await client.request("/users", {}, null, "admin");
    expect(calls.map((call) => call.headers["x-hexclave-super-secret-admin-key"])).toEqual([undefined, undefined, "sak_123"]);
  });

  it("sends the session's access and refresh tokens", async () => {
    const accessToken = accessTokenExpiringIn(HOUR);
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, sessionFor(client, accessToken, "refresh-1"), "client");
    expect(calls[0]?.headers["x-hexclave-access-token"]).toBe(accessToken);
    expect(calls[0]?.headers["x-hexclave-refresh-token"]).toBe("refresh-1");
  });

  it("sends no token headers without a session", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/projects/current", {}, null, "client");
    expect(calls[0]?.headers).not.toHaveProperty("x-hexclave-access-token");
    expect(calls[0]?.headers).not.toHaveProperty("x-hexclave-refresh-token");
  });

  it("sends no x-stack-* request headers at all", async () => {
    const { client, calls } = setup([ok()], { publishableClientKey: "pck", secretServerKey: "ssk", superSecretAdminKey: "sak" });
    const session = sessionFor(client, accessTokenExpiringIn(HOUR), "refresh-1");
    await client.request("/users/me", { method: "PATCH", body: { display_name: "x" } }, session, "admin");
    const names = Object.keys(calls[0]?.headers ?? {});
    expect(names.filter((name) => name.startsWith("x-hexclave-")).length).toBeGreaterThan(0);
    expect(names.filter((name) => name.startsWith("x-stack-"))).toEqual([]);
  });

  it("sends content-type application/json and the JSON body when a body is given", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", { method: "PATCH", body: { display_name: "Zoë" } }, null, "client");
    expect(calls[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(calls[0]?.body ?? "null")).toEqual({ display_name: "Zoë" });
  });

  it("sends no content-type and no body when no body is given", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", { method: "DELETE" }, null, "client");
    expect(calls[0]?.headers).not.toHaveProperty("content-type");
    expect(calls[0]?.body).toBeUndefined();
  });

  it("sends the method of the call, GET by default", async () => {
    const { client, calls } = setup([ok(), ok()]);
    await client.request("/users/me", {}, null, "client");
    await client.request("/users/me", { method: "PUT", body: {} }, null, "client");
    expect(calls.map((call) => call.method)).toEqual(["GET", "PUT"]);
  });
});

describe("HexclaveHttpClient URLs", () => {
  it("requests baseUrl + /api/v1 + path", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.url).toBe("https://api.example.com/api/v1/users/me");
  });

  it("handles a trailing slash on the base URL", async () => {
    const { client, calls } = setup([ok()], { baseUrl: "https://api.example.com/" });
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.url).toBe("https://api.example.com/api/v1/users/me");
  });

  it("keeps a path prefix of the base URL", async () => {
    const { client, calls } = setup([ok()], { baseUrl: "https://example.com/hexclave//" });
    await client.request("/users/me", {}, null, "client");
    expect(calls[0]?.url).toBe("https://example.com/hexclave/api/v1/users/me");
  });

  it("appends query parameters and leaves out undefined ones", async () => {
    const { client, calls } = setup([ok()]);
    await client.request("/users", { query: { limit: 10, desc: true, query: "a b&c", cursor: undefined } }, null, "server");
    const url = new URL(calls[0]?.url ?? "");
    expect(url.origin + url.pathname).toBe("https://api.example.com/api/v1/users");
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: "10", desc: "true", query: "a b&c" });
  });
});

describe("HexclaveHttpClient response reading", () => {
  it("returns the parsed JSON body of a success", async () => {
    const { client } = setup([ok({ id: "user-1" })]);
    await expect(client.request("/users/me", {}, null, "client")).resolves.toEqual({ id: "user-1" });
  });

  it("throws the known error class named by x-hexclave-known-error with the x-hexclave-actual-status", async () => {
    const { client } = setup([knownError("EMAIL_PASSWORD_MISMATCH", 400, undefined, ["x-hexclave-"])]);
    const error = await rejectionOf(client.request("/auth/password/sign-in", { method: "POST", body: {} }, null, "client"));
    expect(error).toBeInstanceOf(KnownErrors.EmailPasswordMismatch);
    expect(error).toBeInstanceOf(KnownError);
    expect(error).toMatchObject({ statusCode: 400, code: "EMAIL_PASSWORD_MISMATCH", message: "error EMAIL_PASSWORD_MISMATCH" });
  });

  it("falls back to x-stack-actual-status and x-stack-known-error", async () => {
    const { client } = setup([knownError("EMAIL_PASSWORD_MISMATCH", 400, undefined, ["x-stack-"])]);
    const error = await rejectionOf(client.request("/auth/password/sign-in", { method: "POST", body: {} }, null, "client"));
    expect(error).toBeInstanceOf(KnownErrors.EmailPasswordMismatch);
    expect(error).toMatchObject({ statusCode: 400 });
  });

  it("prefers the x-hexclave-* response headers when both brands are present and differ", async () => {
    const response = new Response(JSON.stringify({ code: "EMAIL_PASSWORD_MISMATCH", error: "Wrong email or password." }), {
      status: 200,
      headers: {
        "x-hexclave-actual-status": "400",
        "x-hexclave-known-error": "EMAIL_PASSWORD_MISMATCH",
        "x-stack-actual-status": "409",
        "x-stack-known-error": "USER_EMAIL_ALREADY_EXISTS",
      },
    });
    const { client } = setup([response]);
    const error = await rejectionOf(client.request("/auth/password/sign-in", { method: "POST", body: {} }, null, "client"));
    expect(error).toBeInstanceOf(KnownErrors.EmailPasswordMismatch);
    expect(error).toMatchObject({ statusCode: 400 });
  });

  it("throws a HexclaveHttpError, not a known error, when the known-error header differs from the body code", async () => {
    const response = new Response(JSON.stringify({ code: "USER_EMAIL_ALREADY_EXISTS", error: "x" }), {
      status: 200,
      headers: { "x-hexclave-actual-status": "400", "x-hexclave-known-error": "EMAIL_PASSWORD_MISMATCH" },
    });
    const { client } = setup([response]);
    const error = await rejectionOf(client.request("/auth/password/sign-in", { method: "POST", body: {} }, null, "client"));
    expect(error).toBeInstanceOf(HexclaveHttpError);
    expect(error).not.toBeInstanceOf(KnownError);
    expect(error).toMatchObject({ status: 400 });
  });

  it("throws a HexclaveHttpError when the known-error body is not JSON", async () => {
    const response = new Response("<html>oops</html>", {
      status: 200,
      headers: { "x-hexclave-actual-status": "400", "x-hexclave-known-error": "EMAIL_PASSWORD_MISMATCH" },
    });
    const { client } = setup([response]);
    const error = await rejectionOf(client.request("/auth/password/sign-in", { method: "POST", body: {} }, null, "client"));
    expect(error).toBeInstanceOf(HexclaveHttpError);
    expect(error).toMatchObject({ status: 400, body: "<html>oops</html>" });
  });

  it("carries the details of a known error", async () => {
    const { client } = setup([knownError("SCHEMA_ERROR", 400, { message: "body.email must be an email" })]);
    const error = await rejectionOf(client.request("/users/me", { method: "PATCH", body: {} }, null, "client"));
    expect(error).toBeInstanceOf(KnownErrors.SchemaError);
    expect((error as KnownError).details).toEqual({ message: "body.email must be an email" });
  });

  it("throws a HexclaveHttpError with the status and body of a plain-text error", async () => {
    const { client } = setup([new Response("Forbidden: no such thing", { status: 403, headers: { "content-type": "text/plain" } })]);
    const error = await rejectionOf(client.request("/users/me", {}, null, "client"));
    expect(error).toBeInstanceOf(HexclaveHttpError);
    expect(error).not.toBeInstanceOf(KnownError);
    expect(error).toMatchObject({ status: 403, body: "Forbidden: no such thing" });
  });
});

describe("HexclaveHttpClient 429 handling", () => {
  // Regression guard: a paused sign-in retried five times would count five more wrong passwords.
  it("does not retry a 429 that carries a known error, and throws it", async () => {
    const { client, calls, delays } = setup([knownError("TOO_MANY_SIGN_IN_ATTEMPTS", 429, { retry_after_seconds: 60 })]);
    await expect(client.request("/auth/password/sign-in", { method: "POST", body: {} }, null, "client")).rejects.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("retries a 429 after the Retry-After seconds", async () => {
    const { client, calls, delays } = setup([
      new Response("slow down", { status: 429, headers: { "retry-after": "2" } }),
      ok({ id: "user-1" }),
    ]);
    await expect(client.request("/users/me", {}, null, "client")).resolves.toEqual({ id: "user-1" });
    expect(delays).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it("retries a 429 signalled through x-hexclave-actual-status", async () => {
    const { client, calls, delays } = setup([
      new Response("slow down", { status: 200, headers: { "x-hexclave-actual-status": "429", "retry-after": "3" } }),
      ok({ id: "user-1" }),
    ]);
    await expect(client.request("/users/me", {}, null, "client")).resolves.toEqual({ id: "user-1" });
    expect(delays).toEqual([3000]);
    expect(calls).toHaveLength(2);
  });

  it("retries a 429 after the Retry-After HTTP date", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
      const { client, delays } = setup([
        new Response("slow down", { status: 429, headers: { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" } }),
        ok(),
      ]);
      await client.request("/users/me", {}, null, "client");
      expect(delays).toEqual([5000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("retries a 429 without Retry-After after a backoff", async () => {
    const { client, calls, delays } = setup([new Response("slow down", { status: 429 }), ok()]);
    await client.request("/users/me", {}, null, "client");
    expect(calls).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(1000);
    expect(delays[0]).toBeLessThanOrEqual(2000);
  });

  it("gives up on 429 after 5 attempts and throws", async () => {
    const tooMany = () => new Response("slow down", { status: 429, headers: { "retry-after": "1" } });
    const { client, calls, delays } = setup([tooMany, tooMany, tooMany, tooMany, tooMany, ok()]);
    const error = await rejectionOf(client.request("/users/me", {}, null, "client"));
    expect(error).toBeInstanceOf(HexclaveHttpError);
    expect(error).toMatchObject({ status: 429 });
    expect(calls).toHaveLength(5);
    expect(delays).toEqual([1000, 1000, 1000, 1000]);
  });

  it("retries a 429 of a POST too", async () => {
    const { client, calls, delays } = setup([
      new Response("slow down", { status: 429, headers: { "retry-after": "2" } }),
      ok({ user_id: "user-1" }),
    ]);
    const body = { email: "a@example.com", password: "pw" };
    await expect(client.request("/auth/password/sign-in", { method: "POST", body }, null, "client")).resolves.toEqual({ user_id: "user-1" });
    expect(delays).toEqual([2000]);
    expect(calls.map((call) => [call.method, call.body])).toEqual([
      ["POST", JSON.stringify(body)],
      ["POST", JSON.stringify(body)],
    ]);
  });
});

describe("HexclaveHttpClient network errors", () => {
  it.each(["GET", "PUT", "DELETE"] as const)("retries a %s with growing backoff up to 5 attempts, then throws the error", async (method) => {
    const failure = new TypeError("fetch failed");
    const { client, calls, delays } = setup([failure, failure, failure, failure, failure, ok()]);
    const error = await rejectionOf(client.request("/users/me", { method }, null, "client"));
    expect(error).toBe(failure);
    expect(calls).toHaveLength(5);
    expect(calls.every((call) => call.method === method)).toBe(true);
    // Attempt n waits between half and all of min(1 s · 2^n, 10 s).
    expect(delays).toHaveLength(4);
    delays.forEach((delay, index) => {
      const cap = Math.min(1000 * 2 ** (index + 1), 10_000);
      expect(delay).toBeGreaterThanOrEqual(cap / 2);
      expect(delay).toBeLessThanOrEqual(cap);
    });
  });

  it("retries a GET after a network error and returns the next answer", async () => {
    const { client, calls } = setup([new TypeError("fetch failed"), ok({ id: "user-1" })]);
    await expect(client.request("/users/me", {}, null, "client")).resolves.toEqual({ id: "user-1" });
    expect(calls).toHaveLength(2);
  });

  it.each(["POST", "PATCH"] as const)("does not retry a %s after a network error", async (method) => {
    const failure = new TypeError("fetch failed");
    const { client, calls, delays } = setup([failure, ok()]);
    const error = await rejectionOf(client.request("/users/me", { method, body: {} }, null, "client"));
    expect(error).toBe(failure);
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe("HexclaveHttpClient access token refresh", () => {
  it.each(["ACCESS_TOKEN_EXPIRED", "UNPARSABLE_ACCESS_TOKEN"])(
    "refreshes through the OAuth token endpoint when the server answers %s",
    async (code) => {
      const newToken = accessTokenExpiringIn(HOUR, "user-1");
      const { client, calls } = setup([knownError(code, 401), tokenResponse(newToken), ok({ id: "user-1" })], {
        publishableClientKey: "pck_123",
      });
      const session = sessionFor(client, accessTokenExpiringIn(HOUR), "refresh-1");
      await expect(client.request("/users/me", {}, session, "client")).resolves.toEqual({ id: "user-1" });
      const refresh = calls[1];
      expect(refresh?.url).toBe("https://api.example.com/api/v1/auth/oauth/token");
      expect(refresh?.method).toBe("POST");
      expect(refresh?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(Object.fromEntries(new URLSearchParams(refresh?.body ?? ""))).toEqual({
        grant_type: "refresh_token",
        refresh_token: "refresh-1",
        client_id: PROJECT_ID,
        client_secret: "pck_123",
      });
    },
  );

  it("uses __stack_public_client__ as the client secret when no publishable key is configured", async () => {
    const { client, calls } = setup([knownError("ACCESS_TOKEN_EXPIRED", 401), tokenResponse(accessTokenExpiringIn(HOUR)), ok()]);
    await client.request("/users/me", {}, sessionFor(client, accessTokenExpiringIn(HOUR), "refresh-1"), "client");
    expect(new URLSearchParams(calls[1]?.body ?? "").get("client_secret")).toBe("__stack_public_client__");
  });

  it("sends no x-hexclave-* or x-stack-* headers to the token endpoint", async () => {
    const { client, calls } = setup(
      [knownError("ACCESS_TOKEN_EXPIRED", 401), tokenResponse(accessTokenExpiringIn(HOUR)), ok()],
      { publishableClientKey: "pck", secretServerKey: "ssk", superSecretAdminKey: "sak", extraRequestHeaders: { "x-hexclave-branch-id": "main" } },
    );
    await client.request("/users/me", {}, sessionFor(client, accessTokenExpiringIn(HOUR), "refresh-1"), "admin");
    expect(calls[1]?.url).toMatch(/\/auth\/oauth\/token$/);
    expect(Object.keys(calls[1]?.headers ?? {}).filter((name) => /^x-(hexclave|stack)-/.test(name))).toEqual([]);
  });

  it("retries the original request once with the new access token", async () => {
    const oldToken = accessTokenExpiringIn(HOUR, "old");
    const newToken = accessTokenExpiringIn(HOUR, "new");
    const { client, calls } = setup([knownError("ACCESS_TOKEN_EXPIRED", 401), tokenResponse(newToken), ok({ id: "user-1" })]);
    const session = sessionFor(client, oldToken, "refresh-1");
    await client.request("/users/me", { method: "PATCH", body: { display_name: "x" } }, session, "client");
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([
      "PATCH /api/v1/users/me",
      "POST /api/v1/auth/oauth/token",
      "PATCH /api/v1/users/me",
    ]);
    expect(calls[0]?.headers["x-hexclave-access-token"]).toBe(oldToken);
    expect(calls[2]?.headers["x-hexclave-access-token"]).toBe(newToken);
    expect(calls[2]?.body).toBe(JSON.stringify({ display_name: "x" }));
    expect(session.getTokens()).toEqual({ accessToken: newToken, refreshToken: "refresh-1" });
  });

  it("throws a second refusal of the access token instead of refreshing again", async () => {
    const { client, calls } = setup([
      knownError("ACCESS_TOKEN_EXPIRED", 401),
      tokenResponse(accessTokenExpiringIn(HOUR)),
      knownError("ACCESS_TOKEN_EXPIRED", 401),
      tokenResponse(accessTokenExpiringIn(HOUR)),
      ok(),
    ]);
    const session = sessionFor(client, accessTokenExpiringIn(HOUR), "refresh-1");
    const error = await rejectionOf(client.request("/users/me", {}, session, "client"));
    expect(error).toBeInstanceOf(KnownErrors.AccessTokenExpired);
    expect(calls).toHaveLength(3);
  });

  it("shares one refresh between concurrent requests refused together", async () => {
    const oldToken = accessTokenExpiringIn(HOUR, "old");
    const newToken = accessTokenExpiringIn(HOUR, "new");
    // Answers by route rather than by order, as the three requests interleave.
    const answer = (call: Call) => {
      if (call.url.endsWith("/auth/oauth/token")) return tokenResponse(newToken);
      return call.headers["x-hexclave-access-token"] === newToken ? ok({ id: "user-1" }) : knownError("ACCESS_TOKEN_EXPIRED", 401);
    };
    const { client, calls } = setup(Array.from({ length: 20 }, () => answer));
    const session = sessionFor(client, oldToken, "refresh-1");
    const users = await Promise.all([1, 2, 3].map(() => client.request("/users/me", {}, session, "client")));
    expect(users).toEqual([{ id: "user-1" }, { id: "user-1" }, { id: "user-1" }]);
    expect(calls.filter((call) => call.url.endsWith("/auth/oauth/token"))).toHaveLength(1);
    expect(calls).toHaveLength(7);
  });

  it("does not refresh when the request carried no access token", async () => {
    const { client, calls } = setup([knownError("ACCESS_TOKEN_EXPIRED", 401), tokenResponse(accessTokenExpiringIn(HOUR))]);
    const error = await rejectionOf(client.request("/users/me", {}, null, "client"));
    expect(error).toBeInstanceOf(KnownErrors.AccessTokenExpired);
    expect(calls).toHaveLength(1);
  });
});

describe("ClientInterface.getCurrentUser", () => {
  it("returns the user of the session", async () => {
    const { fetch, calls } = fakeFetch(ok({ id: "user-1" }));
    const api = new ClientInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: CLIENT_VERSION, fetch, sleep: fakeSleep().sleep });
    const session = api.createSession({ accessToken: accessTokenExpiringIn(HOUR), refreshToken: "refresh-1" });
    await expect(api.getCurrentUser(session)).resolves.toEqual({ id: "user-1" });
    expect(calls[0]?.url).toBe("https://api.example.com/api/v1/users/me");
  });

  it("returns null when the server answers CANNOT_GET_OWN_USER_WITHOUT_USER", async () => {
    const { fetch } = fakeFetch(knownError("CANNOT_GET_OWN_USER_WITHOUT_USER", 400));
    const api = new ClientInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: CLIENT_VERSION, fetch, sleep: fakeSleep().sleep });
    const session = api.createSession({ accessToken: accessTokenExpiringIn(HOUR), refreshToken: "refresh-1" });
    await expect(api.getCurrentUser(session)).resolves.toBeNull();
  });

  it("throws other known errors", async () => {
    const { fetch } = fakeFetch(knownError("SCHEMA_ERROR", 400, { message: "x" }));
    const api = new ClientInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: CLIENT_VERSION, fetch, sleep: fakeSleep().sleep });
    const session = api.createSession({ accessToken: accessTokenExpiringIn(HOUR), refreshToken: "refresh-1" });
    await expect(api.getCurrentUser(session)).rejects.toBeInstanceOf(KnownErrors.SchemaError);
  });
});
