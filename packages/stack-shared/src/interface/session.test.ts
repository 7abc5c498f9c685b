import { describe, expect, it, vi } from "vitest";
import { ClientInterface } from "./client-interface";
import type { HexclaveHttpClient } from "./http-client";
import { InternalSession } from "./session";
import type { TokenPair } from "./wire-types";
import { BASE_URL, HOUR, PROJECT_ID, type Reply, accessTokenExpiringIn, fakeFetch, fakeSleep, jwt, knownError, ok } from "./test-support";


const TOKEN_URL = "https://api.example.com/api/v1/auth/oauth/token";

function setup(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const { sleep, delays } = fakeSleep();
  const api = new ClientInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", fetch, sleep });
  return { api, client: api.http, calls, delays };
}

function tokenResponse(accessToken: string): Response {
  return ok({ access_token: accessToken, token_type: "Bearer" });
}

/** The token endpoint's refusal of a refresh token (real status: it is called without the override header). */
function refreshTokenRefused(): Response {
  return new Response(JSON.stringify({ code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", error: "Sign in again." }), {
    status: 401,
    headers: {
      "content-type": "application/json",
      "x-hexclave-known-error": "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      "x-stack-known-error": "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
    },
  });
}

function sessionFor(client: HexclaveHttpClient, tokens: TokenPair): InternalSession {
  return new InternalSession((refreshToken) => client.refreshAccessToken(refreshToken), tokens);
}

describe("InternalSession proactive refresh", () => {
  it("refreshes an access token that expires in less than 20 s before the request is sent", async () => {
    const oldToken = accessTokenExpiringIn(10_000);
    const newToken = accessTokenExpiringIn(HOUR);
    const { api, calls } = setup(tokenResponse(newToken), ok({ id: "user-1" }));
    const session = api.createSession({ accessToken: oldToken, refreshToken: "refresh-1" });
    await expect(api.getCurrentUser(session)).resolves.toEqual({ id: "user-1" });
    expect(calls.map((call) => call.url)).toEqual([TOKEN_URL, "https://api.example.com/api/v1/users/me"]);
    expect(calls[1]?.headers["x-hexclave-access-token"]).toBe(newToken);
  });

  it("keeps an access token that expires in more than 20 s", async () => {
    const token = accessTokenExpiringIn(60_000);
    const { client, calls } = setup();
    const session = sessionFor(client, { accessToken: token, refreshToken: "refresh-1" });
    expect((await session.getAccessToken())?.token).toBe(token);
    expect(calls).toHaveLength(0);
  });

  it("treats an unparsable stored access token as expired", async () => {
    const newToken = accessTokenExpiringIn(HOUR);
    const { client, calls } = setup(tokenResponse(newToken));
    const session = sessionFor(client, { accessToken: "not-a-jwt", refreshToken: "refresh-1" });
    expect((await session.getAccessToken())?.token).toBe(newToken);
    expect(calls.map((call) => call.url)).toEqual([TOKEN_URL]);
  });

  it("refreshes when the session has a refresh token but no access token", async () => {
    const newToken = accessTokenExpiringIn(HOUR);
    const { client, calls } = setup(tokenResponse(newToken));
    const session = sessionFor(client, { accessToken: null, refreshToken: "refresh-1" });
    expect((await session.getAccessToken())?.token).toBe(newToken);
    expect(calls).toHaveLength(1);
  });

  it("stores the refreshed access token and tells the listeners", async () => {
    const newToken = accessTokenExpiringIn(HOUR);
    const { client } = setup(tokenResponse(newToken));
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(1_000), refreshToken: "refresh-1" });
    const listener = vi.fn();
    session.onChange(listener);
    await session.getAccessToken();
    expect(session.getTokens()).toEqual({ accessToken: newToken, refreshToken: "refresh-1" });
    expect(listener).toHaveBeenCalledWith({ accessToken: newToken, refreshToken: "refresh-1" });
  });

  it("makes exactly one token request for ten concurrent getAccessToken calls", async () => {
    const newToken = accessTokenExpiringIn(HOUR);
    const { client, calls } = setup(tokenResponse(newToken), tokenResponse(accessTokenExpiringIn(HOUR, "other")));
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(5_000), refreshToken: "refresh-1" });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => session.getAccessToken()));
    expect(calls.filter((call) => call.url === TOKEN_URL)).toHaveLength(1);
    expect(new Set(tokens.map((token) => token?.token))).toEqual(new Set([newToken]));
  });

  it("returns a still-valid access token without refreshing when there is no refresh token", async () => {
    const token = accessTokenExpiringIn(10_000);
    const { client, calls } = setup();
    const session = sessionFor(client, { accessToken: token, refreshToken: null });
    expect((await session.getAccessToken())?.token).toBe(token);
    expect(calls).toHaveLength(0);
  });

  it("returns null for an expired access token when there is no refresh token", async () => {
    const { client, calls } = setup();
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(-10_000), refreshToken: null });
    await expect(session.getAccessToken()).resolves.toBeNull();
    expect(calls).toHaveLength(0);
  });
});

describe("InternalSession when the refresh token is refused", () => {
  it("signs the session out when the refresh answers REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", async () => {
    const { client } = setup(refreshTokenRefused());
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(1_000), refreshToken: "refresh-1" });
    await expect(session.getAccessToken()).resolves.toBeNull();
    expect(session.getTokens()).toEqual({ accessToken: null, refreshToken: null });
    expect(session.isSignedOut).toBe(true);
  });

  it("tells the onChange listeners that both tokens are gone", async () => {
    const { client } = setup(refreshTokenRefused());
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(1_000), refreshToken: "refresh-1" });
    const listener = vi.fn();
    session.onChange(listener);
    await session.getAccessToken();
    expect(listener).toHaveBeenLastCalledWith({ accessToken: null, refreshToken: null });
  });

  it("stops telling a listener once it unsubscribed", async () => {
    const { client } = setup(refreshTokenRefused());
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(1_000), refreshToken: "refresh-1" });
    const listener = vi.fn();
    session.onChange(listener)();
    await session.getAccessToken();
    expect(listener).not.toHaveBeenCalled();
  });

  it("signs the session out when a refused access token cannot be refreshed", async () => {
    const { api, calls } = setup(knownError("ACCESS_TOKEN_EXPIRED", 401), refreshTokenRefused(), knownError("CANNOT_GET_OWN_USER_WITHOUT_USER", 400));
    const session = api.createSession({ accessToken: accessTokenExpiringIn(HOUR), refreshToken: "refresh-1" });
    const listener = vi.fn();
    session.onChange(listener);
    await expect(api.getCurrentUser(session)).resolves.toBeNull();
    expect(session.isSignedOut).toBe(true);
    expect(listener).toHaveBeenLastCalledWith({ accessToken: null, refreshToken: null });
    expect(calls[1]?.url).toBe(TOKEN_URL);
  });

  it("lets ClientInterface.getCurrentUser resolve null afterwards without calling /users/me", async () => {
    const { api, calls } = setup(refreshTokenRefused(), ok({ id: "user-1" }));
    const session = api.createSession({ accessToken: accessTokenExpiringIn(1_000), refreshToken: "refresh-1" });
    await session.getAccessToken();
    await expect(api.getCurrentUser(session)).resolves.toBeNull();
    expect(calls.map((call) => call.url)).toEqual([TOKEN_URL]);
  });

  it("throws, and keeps the session, when the token endpoint fails with something else", async () => {
    const { client } = setup(new Response("boom", { status: 500 }));
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(1_000), refreshToken: "refresh-1" });
    await expect(session.getAccessToken()).rejects.toMatchObject({ status: 500, body: "boom" });
    expect(session.getTokens().refreshToken).toBe("refresh-1");
    expect(session.isSignedOut).toBe(false);
  });
});

describe("InternalSession.markAccessTokenExpired", () => {
  it("drops the current access token but keeps the refresh token", async () => {
    const { client } = setup();
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "refresh-1" });
    const token = await session.getAccessToken();
    session.markAccessTokenExpired(token!);
    expect(session.getTokens()).toEqual({ accessToken: null, refreshToken: "refresh-1" });
  });

  it("keeps a newer access token that already replaced the refused one", async () => {
    const newToken = accessTokenExpiringIn(HOUR);
    const { client } = setup(tokenResponse(newToken));
    const session = sessionFor(client, { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "refresh-1" });
    const old = await session.getAccessToken();
    await session.refresh();
    session.markAccessTokenExpired(old!);
    expect(session.getTokens().accessToken).toBe(newToken);
  });
});
