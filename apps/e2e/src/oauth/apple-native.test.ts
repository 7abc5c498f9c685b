import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { overrideEnvironmentConfig } from "../harness/oauth";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

// Apple cannot be reached from here: this server publishes the signing keys Apple would, and the backend's apple
// preset is pointed at it (STACK_OAUTH_BASE_URL_APPLE), so tokens are checked exactly as Apple's would be.
let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let jwksServer: Server;
let origin: string;
let backend: BackendProcess;
let project: TestProject;
const BUNDLE = "com.example.app";

beforeAll(async () => {
  keys = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  jwksServer = createServer((req, res) => {
    res.writeHead(req.url === "/auth/keys" ? 200 : 404, { "content-type": "application/json" });
    res.end(req.url === "/auth/keys" ? JSON.stringify({ keys: [jwk] }) : "{}");
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  backend = await startBackend({ ...backendEnv(testEnv()), STACK_OAUTH_BASE_URL_APPLE: origin }, { quiet: true });
  project = await createTestProject("Apple native");
  await overrideEnvironmentConfig(project, {
    "auth.oauth.providers.apple": { type: "apple", isShared: false, clientId: BUNDLE, clientSecret: "unused", allowSignIn: true, appleBundles: { ios: { bundleId: BUNDLE } } },
  });
}, 90_000);
afterAll(async () => {
  await backend?.stop();
  await new Promise<void>((resolve) => jwksServer?.close(() => resolve()));
});

function identityToken(claims: Record<string, unknown>, options: { audience?: string; issuer?: string; expiresIn?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setIssuer(options.issuer ?? origin)
    .setAudience(options.audience ?? BUNDLE)
    .setSubject(String(claims.sub ?? "apple-user-1"))
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "5m")
    .sign(keys.privateKey);
}

const nativeSignIn = (idToken: string) =>
  api("/api/v1/auth/oauth/callback/apple/native", { baseUrl: backend.url, headers: projectHeaders(project, "client"), body: { id_token: idToken } });

describe("native Sign in with Apple", () => {
  it("signs up with a verified Apple identity token and signs the same user in again", async () => {
    const email = uniqueEmail("apple");
    const first = await nativeSignIn(await identityToken({ sub: "apple-1", email, email_verified: "true" }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), user_id: expect.any(String), is_new_user: true });
    const again = await nativeSignIn(await identityToken({ sub: "apple-1", email }));
    expect(again.body).toMatchObject({ user_id: first.body.user_id, is_new_user: false });
    const user = await api(`/api/v1/users/${first.body.user_id}`, { headers: projectHeaders(project, "server") });
    expect(user.body).toMatchObject({ primary_email: email, primary_email_verified: true, oauth_providers: [{ id: "apple", account_id: "apple-1", email }] });
  });

  it("refuses tokens for another app, from another issuer, expired, or signed by someone else", async () => {
    expectKnownError(await nativeSignIn(await identityToken({ sub: "x" }, { audience: "com.other.app" })), "INVALID_APPLE_CREDENTIALS", 400);
    expectKnownError(await nativeSignIn(await identityToken({ sub: "x" }, { issuer: "https://evil.example" })), "INVALID_APPLE_CREDENTIALS", 400);
    expectKnownError(await nativeSignIn(await identityToken({ sub: "x" }, { expiresIn: "-1m" })), "INVALID_APPLE_CREDENTIALS", 400);
    const other = await generateKeyPair("RS256");
    const forged = await new SignJWT({ sub: "x" }).setProtectedHeader({ alg: "RS256", kid: "test-key" }).setIssuer(origin).setAudience(BUNDLE).setExpirationTime("5m").sign(other.privateKey);
    expectKnownError(await nativeSignIn(forged), "INVALID_APPLE_CREDENTIALS", 400);
    expectKnownError(await nativeSignIn("not-a-jwt"), "INVALID_APPLE_CREDENTIALS", 400);
  });

  it("needs an Apple provider with a bundle id", async () => {
    const bare = await createTestProject("Apple without bundles");
    const call = () => api("/api/v1/auth/oauth/callback/apple/native", { baseUrl: backend.url, headers: projectHeaders(bare, "client"), body: { id_token: "x" } });
    expectKnownError(await call(), "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
  });
});
