import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { listEmails } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;
const limited: BackendProcess[] = [];
// An instance of its own for forwarded headers it does not trust, so its /health warning stays out of other files.
let untrusted: BackendProcess;

beforeAll(async () => {
  project = await createTestProject("Email limits");
  await enableMagicLinks(project);
  // Two more instances on one database behind a proxy they trust, so a test can speak as several clients; the counts
  // must hold across them.
  // The shared backend lifts the per-client share, since every test calls from 127.0.0.1; these keep the default.
  const env = { ...backendEnv(testEnv()), STACK_EMAIL_RATE_LIMIT_PER_IP: "3" };
  for (let i = 0; i < 2; i++) limited.push(await startBackend({ ...env, STACK_TRUST_PROXY: "true" }, { quiet: true }));
  untrusted = await startBackend(env, { quiet: true });
}, 60_000);
afterAll(async () => {
  await Promise.all([...limited, untrusted].map((backend) => backend.stop()));
});

const sendCode = (email: string, baseUrl?: string, target: TestProject = project, clientIp?: string) =>
  api("/api/v1/auth/otp/send-sign-in-code", {
    baseUrl,
    headers: { ...projectHeaders(target, "client"), "x-forwarded-for": clientIp },
    body: { email, callback_url: CALLBACK },
  });

async function mailCountTo(addresses: string[]): Promise<number> {
  const wanted = new Set(addresses);
  return (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => wanted.has(to.address))).length;
}

/** Lets the outbox send everything queued so far, so a count of arrived mail is final. */
async function settle() {
  await fetch(`${testEnv().backendUrl}/api/latest/internal/email-queue-step`, { headers: { authorization: `Bearer ${testEnv().cronSecret}` } });
}

// Emails anyone can trigger are limited, so nobody can flood an inbox or use the API as a mail relay.
describe("limits on emails anyone can trigger", () => {
  it("mails one address at most 5 times per window, one client at most 3 of them, answering every request the same way", async () => {
    const email = uniqueEmail("flood");
    const responses = await Promise.all(Array.from({ length: 20 }, () => sendCode(email, limited[0]!.url, project, "198.51.100.1")));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    expect(responses.every((response) => /^[a-z2-7]{39}$/.test(response.body.nonce))).toBe(true);
    for (const ip of ["198.51.100.2", "198.51.100.3", "198.51.100.4"]) await sendCode(email, limited[1]!.url, project, ip);
    await settle();
    await expect.poll(() => mailCountTo([email]), { timeout: 15_000 }).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailCountTo([email])).toBe(5);
  });

  it("counts one client's share across instances, IPv6 clients by their /64", async () => {
    const email = uniqueEmail("shares");
    const clients = ["2001:db8:1:2::1", "2001:db8:1:2::ffff", "2001:db8:1:2:aaaa::5", "2001:db8:1:2::9"];
    for (const [i, ip] of clients.entries()) expect((await sendCode(email, limited[i % 2]!.url, project, ip)).status).toBe(200);
    await settle();
    await expect.poll(() => mailCountTo([email]), { timeout: 15_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailCountTo([email])).toBe(3);
  });

  // Regression: behind an untrusted proxy every client had the proxy's IP, and ~50 emails later nobody got any.
  it("lets no client behind a shared, untrusted proxy address starve the mail of other users", async () => {
    const fresh = await createTestProject("Email limits behind a proxy");
    await enableMagicLinks(fresh);
    const flood = Array.from({ length: 60 }, (_, i) => uniqueEmail(`spray-${i}`));
    for (const email of flood) await sendCode(email, untrusted.url, fresh, "203.0.113.9");
    const victim = uniqueEmail("rightful");
    expect((await sendCode(victim, untrusted.url, fresh, "203.0.113.10")).status).toBe(200);
    await settle();
    await expect.poll(() => mailCountTo([victim]), { timeout: 15_000 }).toBe(1);
  });

  // AB-01: from a peer it does not trust, X-Forwarded-For is the client's word; the count stays on the socket address.
  it("ignores X-Forwarded-For from an untrusted peer: five claimed clients are one, with one client's share", async () => {
    const email = uniqueEmail("spoofed");
    for (let i = 1; i <= 5; i++) expect((await sendCode(email, untrusted.url, project, `192.0.2.${i}`)).status).toBe(200);
    // The same five claims to an instance behind a proxy it trusts count as five clients: the address's whole budget.
    const trusted = uniqueEmail("forwarded-trusted");
    for (let i = 1; i <= 5; i++) expect((await sendCode(trusted, limited[0]!.url, project, `192.0.2.${i}`)).status).toBe(200);
    await settle();
    await expect.poll(() => mailCountTo([email]), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => mailCountTo([trusted]), { timeout: 15_000 }).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect([await mailCountTo([email]), await mailCountTo([trusted])]).toEqual([3, 5]);
  });

  // Regression: behind a trusted proxy the left-most X-Forwarded-For entry was taken, which the client itself writes.
  it("behind a trusted proxy, takes the address the proxy appended, not the entries the client wrote before it", async () => {
    const email = uniqueEmail("forged-hops");
    for (let i = 1; i <= 5; i++) expect((await sendCode(email, limited[0]!.url, project, `192.0.2.${i}, 198.51.100.200`)).status).toBe(200);
    await settle();
    await expect.poll(() => mailCountTo([email]), { timeout: 15_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailCountTo([email])).toBe(3);
  });

  it("warns in /health once forwarded headers arrive that it does not trust", async () => {
    await sendCode(uniqueEmail("forwarded"), untrusted.url, project, "203.0.113.11");
    const health = await api("/health", { baseUrl: untrusted.url });
    expect(health.body).toEqual({ status: "ok", warnings: ["forwarded_headers_not_trusted"] });
    expect((await api("/health", { baseUrl: limited[0]!.url })).body).toEqual({ status: "ok" });
  });
});
