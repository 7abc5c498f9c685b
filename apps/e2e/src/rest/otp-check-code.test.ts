import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Sign-in code checks");
  await enableMagicLinks(project);
});

const post = (path: string, body: unknown) => api(`/api/v1${path}`, { headers: projectHeaders(project, "client"), body });

describe("checking a sign-in code", () => {
  it("says a mailed code is valid without using it: the code still signs in afterwards", async () => {
    const email = uniqueEmail("otp-check");
    await post("/auth/otp/send-sign-in-code", { email, callback_url: CALLBACK });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    const checked = await post("/auth/otp/sign-in/check-code", { code });
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ is_code_valid: true });
    expect((await post("/auth/otp/sign-in", { code })).status).toBe(200);
  });

  it("refuses a code that was never sent", async () => {
    expectKnownError(await post("/auth/otp/sign-in/check-code", { code: "a".repeat(45) }), "VERIFICATION_CODE_NOT_FOUND", 404);
  });
});
