import { HexclaveAdminApp, HexclaveClientApp, HexclaveServerApp, KnownErrors, StackClientApp, StackServerApp } from "@stackframe/js";
import { describe, expect, it } from "vitest";
import { createTestProject, testEnv, uniqueEmail } from "../harness/rest";
import { PUBLISHED_SDKS } from "./clients";

const PASSWORD = "correct horse battery";

async function projectApps() {
  const project = await createTestProject("Our SDK");
  const options = { baseUrl: testEnv().backendUrl, projectId: project.projectId, publishableClientKey: project.publishableClientKey };
  return {
    project,
    options,
    server: new HexclaveServerApp({ ...options, secretServerKey: project.secretServerKey, tokenStore: null }),
    admin: new HexclaveAdminApp({ ...options, superSecretAdminKey: project.superSecretAdminKey, tokenStore: null }),
  };
}

async function signedInClient(options: { baseUrl: string; projectId: string; publishableClientKey: string }, fetchImpl?: typeof fetch) {
  const app = new HexclaveClientApp({ ...options, tokenStore: "memory", fetch: fetchImpl });
  const result = await app.signUpWithCredential({ email: uniqueEmail("ours"), password: PASSWORD, noVerificationCallback: true });
  expect(result.status).toBe("ok");
  return { app, user: await app.getUser({ or: "throw" }) };
}

describe("our @stackframe/js", () => {
  it("exports the Stack names as the same classes as the Hexclave names", () => {
    expect(StackClientApp).toBe(HexclaveClientApp);
    expect(StackServerApp).toBe(HexclaveServerApp);
  });

  it("sends x-hexclave-* headers only, with its package and version", async () => {
    const { options } = await projectApps();
    const sent: Headers[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    await signedInClient(options, recording);
    const apiCalls = sent.filter((headers) => headers.has("x-hexclave-project-id"));
    expect(apiCalls.length).toBeGreaterThan(1);
    for (const headers of sent) {
      const names: string[] = [];
      headers.forEach((_value, name) => names.push(name));
      expect(names.filter((name) => name.startsWith("x-stack-"))).toEqual([]);
    }
    expect(apiCalls[0]?.get("x-hexclave-client-version")).toMatch(/^js @stackframe\/js@\d+\.\d+\.\d+/);
  });

  it("emits a hexclave_ Authorization header that a server app reads back as the same user", async () => {
    const { options, server } = await projectApps();
    const { user } = await signedInClient(options);
    const authorization = await user.getAuthorizationHeader();
    expect(authorization).toMatch(/^Bearer hexclave_[A-Za-z0-9+/=]+$/);
    const seen = await server.getUser({ tokenStore: { headers: new Headers({ authorization: authorization as string }) } });
    expect(seen?.id).toBe(user.id);
    expect(seen?.serverMetadata).toBeNull();
  });

  it.each(PUBLISHED_SDKS)("reads the credentials that $name puts on requests to an app's server", async ({ sdk }) => {
    const { options, server } = await projectApps();
    const published = new sdk.StackClientApp({ ...options, tokenStore: "memory" });
    await published.signUpWithCredential({ email: uniqueEmail("published"), password: PASSWORD, noVerificationCallback: true });
    const user = await published.getUser({ or: "throw" });
    // 2.8.77 offers only the x-stack-auth JSON header; 2.8.108 also the stackauth_ Bearer value.
    const legacy = (await user.getAuthHeaders()) as Record<string, string>;
    expect((await server.getUser({ tokenStore: { headers: legacy } }))?.id).toBe(user.id);
    if (typeof user.getAuthorizationHeader === "function") {
      const bearer = await user.getAuthorizationHeader();
      expect(bearer).toMatch(/^Bearer stackauth_/);
      expect((await server.getUser({ tokenStore: { headers: { authorization: bearer } } }))?.id).toBe(user.id);
    }
  });

  it("treats a malformed Authorization header as signed out", async () => {
    const { server } = await projectApps();
    expect(await server.getUser({ tokenStore: { headers: { authorization: "Bearer hexclave_%%%" } } })).toBeNull();
    await expect(server.getUser({ tokenStore: { headers: {} }, or: "throw" })).rejects.toBeInstanceOf(KnownErrors.UserAuthenticationRequired);
  });

  it("reads and changes the selected team of the signed-in user", async () => {
    const internal = new HexclaveClientApp({
      baseUrl: testEnv().backendUrl,
      projectId: "internal",
      publishableClientKey: testEnv().internalKeys.publishableClientKey,
      tokenStore: "memory",
    });
    await internal.signUpWithCredential({ email: uniqueEmail("teams"), password: PASSWORD, noVerificationCallback: true });
    const user = await internal.getUser({ or: "throw" });
    const team = user.selectedTeam;
    expect(team?.id).toMatch(/^[0-9a-f-]{36}$/);
    await user.setSelectedTeam(null);
    expect((await internal.getUser({ or: "throw" })).selectedTeam).toBeNull();
    await user.setSelectedTeam(team?.id ?? null);
    expect((await internal.getUser({ or: "throw" })).selectedTeam?.displayName).toBe(team?.displayName);
  });

  it("manages the project and its keys with an admin key", async () => {
    const { admin, project } = await projectApps();
    const current = await admin.getProject();
    expect(current.id).toBe(project.projectId);
    await current.update({ displayName: "Renamed by the SDK", description: "via HexclaveAdminApp" });
    expect((await admin.getProject()).displayName).toBe("Renamed by the SDK");

    const created = await admin.createInternalApiKey({ description: "ci", expiresAt: new Date(Date.now() + 3_600_000), hasSecretServerKey: true });
    expect(created.secretServerKey).toMatch(/^ssk_/);
    const listed = await admin.listInternalApiKeys();
    expect(listed.find((key) => key.id === created.id)?.secretServerKey?.lastFour).toBe(created.secretServerKey?.slice(-4));
    await created.revoke();
    const revoked = (await admin.listInternalApiKeys()).find((key) => key.id === created.id);
    expect(revoked?.isValid()).toBe(false);
    const withRevokedKey = new HexclaveServerApp({ baseUrl: testEnv().backendUrl, projectId: project.projectId, secretServerKey: created.secretServerKey, tokenStore: null });
    await expect(withRevokedKey.listUsers()).rejects.toBeInstanceOf(KnownErrors.InvalidSecretServerKey);
  });

  it("signs an app out when its session was revoked and its access token needs a refresh", async () => {
    const { options, server } = await projectApps();
    const { user } = await signedInClient(options);
    const [session] = await (await server.getUser(user.id))!.getActiveSessions();
    await server.getUser(user.id).then((serverUser) => serverUser!.revokeSession(session!.id));
    // The access token outlives the session; the next refresh finds the session gone and signs the app out.
    const tokens = await user.getAuthJson();
    const stale = new HexclaveClientApp({ ...options, tokenStore: { accessToken: "not-a-jwt", refreshToken: tokens.refreshToken } });
    expect(await stale.getUser()).toBeNull();
  });

  it.each(["ours", ...PUBLISHED_SDKS.map((published) => published.name)])("logs a CLI in (%s) once a browser session approves it", async (cli) => {
    const { options } = await projectApps();
    const { app: browser, user } = await signedInClient(options);
    const sdk = cli === "ours" ? { StackClientApp: HexclaveClientApp } : PUBLISHED_SDKS.find((published) => published.name === cli)!.sdk;
    const cliApp = new sdk.StackClientApp({ ...options, tokenStore: "memory" });
    if (typeof cliApp.promptCliLogin !== "function") return; // 2.8.77 has no CLI login
    let confirmation: Promise<unknown> | undefined;
    const result = await cliApp.promptCliLogin({
      appUrl: "http://localhost:3000",
      // 2.8.77 passes only the URL; the login code is its query parameter.
      promptLink: (url: string) => {
        const link = new URL(url);
        expect(`${link.origin}${link.pathname}`).toBe("http://localhost:3000/handler/cli-auth-confirm");
        confirmation = browser.confirmCliLogin(link.searchParams.get("login_code") ?? "");
      },
    });
    expect(await confirmation).toMatchObject({ status: "ok" });
    expect(result.status).toBe("ok");
    const loggedIn = new HexclaveClientApp({ ...options, tokenStore: { accessToken: null, refreshToken: result.data } });
    expect((await loggedIn.getUser())?.id).toBe(user.id);
  });
});
