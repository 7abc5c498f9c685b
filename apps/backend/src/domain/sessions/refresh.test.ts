import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../app";
import { sessions } from "../../db/schema";
import { sha256Hex } from "../../lib/crypto";
import { createTestServices } from "../../testing/test-services";
import { signUpWithPassword } from "../auth/password-auth";
import type { Tenancy } from "../projects/tenancy";
import { refreshAccessToken } from "./refresh";
import { getSessionByRefreshToken, listUserSessions, newSession } from "./sessions";
import { passwordAuthDepsOf, refreshDepsOf } from "../../services";

const IDLE_SECONDS = 3600;
let services: Awaited<ReturnType<typeof createTestServices>>;
let internal: Tenancy;

beforeAll(async () => {
  services = await createTestServices({ refreshTokenIdleTimeoutSeconds: IDLE_SECONDS });
  internal = (await services.projects.getTenancy("internal"))!;
});
afterAll(() => services.close());

let counter = 0;
async function signedUp() {
  return signUpWithPassword(services.db, internal, { email: `refresh-${++counter}@example.com`, password: "first password" }, { ...passwordAuthDepsOf(services), anonymousUser: null });
}

const sessionOf = async (refreshToken: string) =>
  (await services.db.select().from(sessions).where(eq(sessions.refreshTokenHash, sha256Hex(refreshToken))))[0]!;

async function backdate(refreshToken: string, changes: { lastUsedSecondsAgo?: number; expiresInSeconds?: number }) {
  await services.db
    .update(sessions)
    .set({
      ...(changes.lastUsedSecondsAgo === undefined ? {} : { lastUsedAt: new Date(Date.now() - changes.lastUsedSecondsAgo * 1000) }),
      ...(changes.expiresInSeconds === undefined ? {} : { expiresAt: new Date(Date.now() + changes.expiresInSeconds * 1000) }),
    })
    .where(eq(sessions.refreshTokenHash, sha256Hex(refreshToken)));
}

const refresh = (refreshToken: string) => refreshAccessToken(services.db, internal, refreshToken, refreshDepsOf(services));

// TK-05: the absolute lifetime (1 year, or what POST /auth/sessions chose) plus the deployment's idle timeout.
describe("refresh-token lifetimes", () => {
  it("refreshes a session used within the idle timeout, and slides its idle window", async () => {
    const { refresh_token } = await signedUp();
    await backdate(refresh_token, { lastUsedSecondsAgo: IDLE_SECONDS - 60 });
    await expect(refresh(refresh_token)).resolves.toEqual(expect.any(String));
    expect(Date.now() - (await sessionOf(refresh_token)).lastUsedAt.getTime()).toBeLessThan(10_000);
  });

  it("refuses a session idle for longer than the timeout", async () => {
    const { refresh_token } = await signedUp();
    await backdate(refresh_token, { lastUsedSecondsAgo: IDLE_SECONDS + 1 });
    await expect(refresh(refresh_token)).rejects.toMatchObject({ code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED" });
    expect(await getSessionByRefreshToken(services.db, internal, refresh_token, IDLE_SECONDS)).toBeNull();
  });

  it("refuses a session past its absolute expiry, however recently it was used", async () => {
    const { refresh_token } = await signedUp();
    await backdate(refresh_token, { lastUsedSecondsAgo: 0, expiresInSeconds: -1 });
    await expect(refresh(refresh_token)).rejects.toMatchObject({ code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED" });
  });

  it("never moves the absolute expiry when a session is used", async () => {
    const { refresh_token } = await signedUp();
    await backdate(refresh_token, { expiresInSeconds: 120 });
    const before = (await sessionOf(refresh_token)).expiresAt;
    await refresh(refresh_token);
    await refresh(refresh_token);
    expect((await sessionOf(refresh_token)).expiresAt).toEqual(before);
  });

  it("gives new sessions a one-year absolute lifetime", async () => {
    const { refresh_token } = await signedUp();
    const lifetime = (await sessionOf(refresh_token)).expiresAt!.getTime() - Date.now();
    expect(Math.abs(lifetime - 365 * 86_400_000)).toBeLessThan(60_000);
  });

  it("leaves idle sessions out of a user's session list", async () => {
    const { refresh_token, user_id } = await signedUp();
    await backdate(refresh_token, { lastUsedSecondsAgo: IDLE_SECONDS + 1 });
    const list = (idleTimeoutSeconds: number | null) =>
      listUserSessions(services.db, internal, { userId: user_id, includeImpersonation: true, idleTimeoutSeconds });
    expect(await list(IDLE_SECONDS)).toEqual([]);
    expect(await list(null)).toHaveLength(1);
  });
});

// TK-10: refresh tokens keep Stack Auth's format of 45 base32 characters: 225 random bits, far beyond guessing.
describe("refresh-token format and storage", () => {
  it("is 45 lowercase base32 characters, never a UUID", () => {
    const { refreshToken } = newSession();
    expect(refreshToken).toMatch(/^[a-z2-7]{45}$/);
    expect(refreshToken).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("draws every character uniformly from the CSPRNG", () => {
    const tokens = Array.from({ length: 2000 }, () => newSession().refreshToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    const counts = new Map<string, number>();
    for (const character of tokens.join("")) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (2000 * 45) / 32;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });

  it("stores only the SHA-256 of the token", async () => {
    const { refresh_token } = await signedUp();
    const row = await sessionOf(refresh_token);
    expect(row.refreshTokenHash).toBe(sha256Hex(refresh_token));
    expect(JSON.stringify(row)).not.toContain(refresh_token);
  });

  it("never writes a refresh token to the logs, on success or failure", async () => {
    const app = createApp(services);
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const { refresh_token } = await signedUp();
      const oauth = (token: string, extra: Record<string, string> = {}) =>
        app.request("/api/v1/auth/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...extra },
          body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token, client_id: "internal", client_secret: "__stack_public_client__" }).toString(),
        });
      expect((await oauth(refresh_token)).status).toBe(200);
      expect((await oauth(refresh_token.replace(/.$/, (last) => (last === "a" ? "b" : "a")))).status).toBe(401);
      await oauth(refresh_token, { authorization: `Basic ${Buffer.from("%zz:%zz").toString("base64")}` });
      const headers = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-refresh-token": refresh_token };
      await app.request("/api/v1/auth/sessions/current/refresh", { method: "POST", headers });
      await services.db.delete(sessions).where(eq(sessions.refreshTokenHash, sha256Hex(refresh_token)));
      expect((await oauth(refresh_token)).status).toBe(401);
      expect(logged.join("\n")).not.toContain(refresh_token);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
