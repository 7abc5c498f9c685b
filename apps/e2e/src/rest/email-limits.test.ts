import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { listEmails } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;
const limited: BackendProcess[] = [];

beforeAll(async () => {
  project = await createTestProject("Email limits");
  await enableMagicLinks(project);
  // Two more instances on the same database with a per-IP limit of 3: the count must hold across them.
  for (let i = 0; i < 2; i++) limited.push(await startBackend({ ...backendEnv(testEnv()), STACK_EMAIL_RATE_LIMIT_PER_IP: "3" }, { quiet: true }));
}, 60_000);
afterAll(async () => {
  await Promise.all(limited.map((backend) => backend.stop()));
});

const sendCode = (email: string, baseUrl?: string, target: TestProject = project) =>
  api("/api/v1/auth/otp/send-sign-in-code", { baseUrl, headers: projectHeaders(target, "client"), body: { email, callback_url: CALLBACK } });

async function mailCountTo(addresses: string[]): Promise<number> {
  const wanted = new Set(addresses);
  return (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => wanted.has(to.address))).length;
}

/** Lets the outbox send everything queued so far, so a count of arrived mail is final. */
async function settle() {
  await fetch(`${testEnv().backendUrl}/api/latest/internal/email-queue-step`, { headers: { authorization: `Bearer ${testEnv().cronSecret}` } });
}

// SECURITY-TESTS AB-06.
describe("limits on emails anyone can trigger", () => {
  it("mails one address at most 5 times per window, answering every request the same way", async () => {
    const email = uniqueEmail("flood");
    const responses = await Promise.all(Array.from({ length: 20 }, () => sendCode(email)));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    expect(responses.every((response) => /^[a-z2-7]{39}$/.test(response.body.nonce))).toBe(true);
    await settle();
    await expect.poll(() => mailCountTo([email]), { timeout: 15_000 }).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailCountTo([email])).toBe(5);
  });

  it("counts per client IP across instances", async () => {
    // A project of its own: the per-IP count of the test above is in the shared table too.
    const fresh = await createTestProject("Email limits per IP");
    await enableMagicLinks(fresh);
    const addresses = Array.from({ length: 6 }, (_, i) => uniqueEmail(`ip-${i}`));
    for (const [i, email] of addresses.entries()) {
      const response = await sendCode(email, limited[i % 2]!.url, fresh);
      expect(response.status).toBe(200);
    }
    await settle();
    await expect.poll(() => mailCountTo(addresses), { timeout: 15_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailCountTo(addresses)).toBe(3);
  });
});
