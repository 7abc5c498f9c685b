import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { api, createTestProject, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";
import { ALL_SDKS } from "./clients";

const LIFETIME_SECONDS = 25;
const PASSWORD = "correct horse battery";

// A second instance on the same database, with short-lived access tokens: also shows two instances agree on tokens.
let shortLived: BackendProcess;
beforeAll(async () => {
  shortLived = await startBackend({ ...backendEnv(testEnv()), STACK_ACCESS_TOKEN_EXPIRATION_TIME: `${LIFETIME_SECONDS}s` }, { quiet: true });
});
afterAll(() => shortLived?.stop());

describe("expired access tokens", () => {
  it("are refreshed transparently by the published SDKs and ours", async () => {
    const project = await createTestProject();
    await Promise.all(
      ALL_SDKS.map(async ({ sdk }) => {
        const app = new sdk.StackClientApp({ baseUrl: shortLived.url, projectId: project.projectId, tokenStore: "memory" });
        await app.signUpWithCredential({ email: uniqueEmail("refresh"), password: PASSWORD, noVerificationCallback: true });
        const user = await app.getUser({ or: "throw" });
        const before = (await user.getAuthJson()).accessToken as string;

        await new Promise((resolve) => setTimeout(resolve, (LIFETIME_SECONDS + 1) * 1000));
        const rejected = await api("/api/v1/users/me", {
          baseUrl: shortLived.url,
          headers: projectHeaders(project, "client", { "access-token": before }),
        });
        expect(rejected.body.code).toBe("ACCESS_TOKEN_EXPIRED");

        const again = await app.getUser({ or: "throw" });
        expect(again.id).toBe(user.id);
        expect((await again.getAuthJson()).accessToken).not.toBe(before);
      }),
    );
  }, 90_000);

  it("are replaced and the call retried when the server rejects the token", async () => {
    const project = await createTestProject();
    for (const { sdk } of ALL_SDKS) {
      const signUp = await api("/api/v1/auth/password/sign-up", {
        headers: projectHeaders(project, "client"),
        body: { email: uniqueEmail("retry"), password: PASSWORD },
      });
      const [header, payload] = signUp.body.access_token.split(".");
      // Valid-looking to the SDK (same claims, far expiry), but its signature is not ours: the server answers UNPARSABLE_ACCESS_TOKEN.
      const forged = `${header}.${payload}.${"A".repeat(86)}`;
      const app = new sdk.StackClientApp({
        baseUrl: testEnv().backendUrl,
        projectId: project.projectId,
        tokenStore: { accessToken: forged, refreshToken: signUp.body.refresh_token },
      });
      const user = await app.getUser({ or: "throw" });
      expect(user.id).toBe(signUp.body.user_id);
    }
  });
});
