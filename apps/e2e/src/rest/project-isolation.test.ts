import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type CaughtEmail, codeFromEmail, listEmails, waitForEmail } from "../harness/maildev";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  expectKnownError,
  internalProject,
  patchProjectConfig,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  testEnv,
  uniqueEmail,
} from "../harness/rest";
import { expectNoWrites } from "./team-helpers";

// Projects as tenants: one address in two projects (TI-03), tenants that do not exist (TI-04), a project's keys against
// what lies above it (TI-05), and counters and caches that must be per project (TI-06). Teams, memberships,
// invitations, permissions and keys across projects are in team-isolation.test.ts (TI-01/TI-02).

const CALLBACK = "http://localhost:3000/handler/callback";
let a: TestProject;
let b: TestProject;

beforeAll(async () => {
  [a, b] = [await createTestProject("Isolation A"), await createTestProject("Isolation B")];
  for (const project of [a, b]) await enableMagicLinks(project);
});

const client = (project: TestProject, extra: Record<string, string> = {}) => projectHeaders(project, "client", extra);
const signIn = (project: TestProject, email: string, password: string) => api("/api/v1/auth/password/sign-in", { headers: client(project), body: { email, password } });
const mailFrom = (project: TestProject) => (mail: CaughtEmail) => mail.subject.includes(project === a ? "Isolation A" : "Isolation B");
const mailsTo = async (address: string) => (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => to.address === address));

async function settleOutbox() {
  await fetch(`${testEnv().backendUrl}/api/latest/internal/email-queue-step`, { headers: { authorization: `Bearer ${testEnv().cronSecret}` } });
}

describe("one address in two projects (TI-03)", () => {
  let inA: SignedInUser;
  let inB: SignedInUser;

  beforeAll(async () => {
    const email = uniqueEmail("both");
    inA = await signUpWithPassword(a, email, "project A's passphrase");
    inB = await signUpWithPassword(b, email, "project B's passphrase");
  });

  it("makes two independent users", async () => {
    expect(inA.userId).not.toBe(inB.userId);
    const fromB = await api(`/api/v1/users/${inA.userId}`, { headers: projectHeaders(b, "server") });
    expectKnownError(fromB, "USER_NOT_FOUND", 404);
    const listed = await api(`/api/v1/users?query=${encodeURIComponent(inA.email)}`, { headers: projectHeaders(b, "server") });
    expect(listed.body.items.map((user: { id: string }) => user.id)).toEqual([inB.userId]);
  });

  it("does not sign in to B with A's password", async () => {
    expectKnownError(await signIn(b, inA.email, inA.password), "EMAIL_PASSWORD_MISMATCH", 400);
    expect((await signIn(b, inB.email, inB.password)).body.user_id).toBe(inB.userId);
    expect((await signIn(a, inA.email, inA.password)).body.user_id).toBe(inA.userId);
  });

  it("resets the password in A without touching B, whose sessions and password go on working", async () => {
    let code = "";
    await expectNoWrites(b.projectId, async () => {
      const sent = await api("/api/v1/auth/password/send-reset-code", { headers: client(a), body: { email: inA.email, callback_url: CALLBACK } });
      expect(sent.status).toBe(200);
      code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, inA.email, mailFrom(a)));
      // A's code means nothing to B.
      expectKnownError(await api("/api/v1/auth/password/reset", { headers: client(b), body: { code, password: "taken over in B" } }), "VERIFICATION_CODE_NOT_FOUND", 404);
      const reset = await api("/api/v1/auth/password/reset", { headers: client(a), body: { code, password: "project A's new passphrase" } });
      expect(reset.status).toBe(200);
    });
    expect((await signIn(a, inA.email, "project A's new passphrase")).status).toBe(200);
    expectKnownError(await refreshWithOAuth(a.projectId, inA.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    expect((await signIn(b, inB.email, inB.password)).status).toBe(200);
    expect((await refreshWithOAuth(b.projectId, inB.refreshToken)).status).toBe(200);
  });
});

// TI-04: an unknown project id answers 400 CURRENT_PROJECT_NOT_FOUND, Stack Auth's code, which the SDKs know.
describe("projects and branches that do not exist (TI-04)", () => {
  it("never falls back to another tenant: an unknown, mangled or empty project id with A's valid key is refused", async () => {
    for (const projectId of [randomUUID(), a.projectId.toUpperCase(), `${a.projectId}x`, "internal"]) {
      const response = await api("/api/v1/users", { headers: projectHeaders({ ...a, projectId }, "server") });
      expect(response.status, projectId).toBeGreaterThanOrEqual(400);
      expect(response.status, projectId).toBeLessThan(500);
      expect(["CURRENT_PROJECT_NOT_FOUND", "INVALID_SECRET_SERVER_KEY"]).toContain(response.body.code);
    }
    expectKnownError(await api("/api/v1/users", { headers: projectHeaders({ ...a, projectId: "" }, "server") }), "ACCESS_TYPE_WITHOUT_PROJECT_ID", 400);
  });

  it("refuses an unknown branch in the header and in an OAuth client id", async () => {
    const response = await api("/api/v1/users", { headers: projectHeaders(a, "server", { "branch-id": "not-a-branch" }) });
    expectKnownError(response, "BRANCH_DOES_NOT_EXIST", 400);
    const user = await signUpWithPassword(a);
    expectKnownError(await refreshWithOAuth(`${a.projectId}#not-a-branch`, user.refreshToken), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("answers every credential of a deleted project as for a project that never existed", async () => {
    const doomed = await createTestProject("Isolation doomed");
    const user = await signUpWithPassword(doomed);
    const deleted = await api("/api/v1/internal/projects/current", { method: "DELETE", headers: projectHeaders(doomed, "admin"), body: {} });
    expect(deleted.status).toBe(200);
    for (const accessType of ["client", "server", "admin"] as const) {
      expectKnownError(await api("/api/v1/users/me", { headers: projectHeaders(doomed, accessType, { "access-token": user.accessToken }) }), "CURRENT_PROJECT_NOT_FOUND", 400);
    }
    expectKnownError(await refreshWithOAuth(doomed.projectId, user.refreshToken), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
    expect((await api(`/api/v1/projects/${doomed.projectId}/.well-known/jwks.json`)).status).toBe(404);
    // Its keys are nothing anywhere else either.
    expectKnownError(await api("/api/v1/users", { headers: projectHeaders({ ...doomed, projectId: a.projectId }, "server") }), "INVALID_SECRET_SERVER_KEY", 401);
  });

  it("has no tenant under an unknown id in a URL", async () => {
    expect((await api(`/api/v1/projects/${randomUUID()}/.well-known/jwks.json`)).status).toBe(404);
  });
});

// TI-05: the answers are Stack Auth's, the 401 key errors and EXPECTED_INTERNAL_PROJECT, not a generic 403.
describe("a project's keys against what lies above the project (TI-05)", () => {
  const adminOfB = () => projectHeaders(b, "admin");

  it("reach none of the internal project's routes: creating or listing projects", async () => {
    await expectNoWrites(a.projectId, async () => {
      expectKnownError(await api("/api/v1/internal/projects", { headers: adminOfB() }), "EXPECTED_INTERNAL_PROJECT", 401);
      const created = await api("/api/v1/internal/projects", { headers: adminOfB(), body: { display_name: "Spawned", owner_team_id: randomUUID() } });
      expectKnownError(created, "EXPECTED_INTERNAL_PROJECT", 401);
    });
  });

  it("change neither another project's keys and config nor the internal project's", async () => {
    const asBWithIdOf = (projectId: string) => projectHeaders({ ...b, projectId }, "admin");
    for (const target of [a.projectId, "internal"]) {
      const attempts: ApiResponse[] = [];
      await expectNoWrites(target, async () => {
        attempts.push(await api("/api/v1/internal/api-keys", { headers: asBWithIdOf(target) }));
        attempts.push(
          await api("/api/v1/internal/api-keys", {
            headers: asBWithIdOf(target),
            body: { description: "x", expires_at_millis: Date.now() + 60_000, has_publishable_client_key: false, has_secret_server_key: true, has_super_secret_admin_key: true },
          }),
        );
        attempts.push(await api("/api/v1/internal/projects/current", { method: "PATCH", headers: asBWithIdOf(target), body: { config: { sign_up_enabled: false } } }));
        attempts.push(await api("/api/v1/internal/projects/current", { method: "DELETE", headers: asBWithIdOf(target), body: {} }));
      });
      for (const attempt of attempts) expectKnownError(attempt, "INVALID_SUPER_SECRET_ADMIN_KEY", 401);
    }
    // Nor with its owner's dashboard session, who does not manage A.
    const asOwnerOfB = { "x-hexclave-project-id": a.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": b.owner.accessToken };
    expectKnownError(await api("/api/v1/internal/projects/current", { method: "PATCH", headers: asOwnerOfB, body: { display_name: "Taken" } }), "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
  });

  it("cannot move the project to another owner team", async () => {
    const response = await api("/api/v1/internal/projects/current", { method: "PATCH", headers: adminOfB(), body: { owner_team_id: randomUUID() } });
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it("can neither read nor redirect the deployment's shared SMTP server", async () => {
    const view = await api("/api/v1/internal/projects/current", { headers: adminOfB() });
    expect(view.body.config.email_config).toEqual({ type: "shared" });
    const patched = await api("/api/v1/internal/projects/current", {
      method: "PATCH",
      headers: adminOfB(),
      body: { config: { email_config: { type: "shared", host: "127.0.0.1", port: 1, username: "mine", password: "mine" } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.config.email_config).toEqual({ type: "shared" });
    // Mail of both projects still leaves through the shared server.
    for (const project of [a, b]) {
      const email = uniqueEmail("shared-smtp");
      await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(project), body: { email, callback_url: CALLBACK } });
      await waitForEmail(testEnv().maildev.webUrl, email);
    }
  });

  it("can neither read nor set the credentials of the shared OAuth apps", async () => {
    const patched = await api("/api/v1/internal/projects/current", {
      method: "PATCH",
      headers: adminOfB(),
      body: { config: { oauth_providers: [{ id: "github", type: "shared", client_id: "attacker-app", client_secret: "attacker-secret" }] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.config.oauth_providers).toEqual([{ provider_config_id: "github", id: "github", type: "shared" }]);
    const aView = await api("/api/v1/internal/projects/current", { headers: projectHeaders(a, "admin") });
    expect(aView.body.config.oauth_providers).toEqual([]);
  });
});

describe("counters and caches per project (TI-06)", () => {
  it("counts the emails one address may get per project: a flood in A leaves B's mail alone", async () => {
    const email = uniqueEmail("counted");
    for (let i = 0; i < 7; i++) await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(a), body: { email, callback_url: CALLBACK } });
    const sentInB = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(b), body: { email, callback_url: CALLBACK } });
    expect(sentInB.status).toBe(200);
    await settleOutbox();
    await waitForEmail(testEnv().maildev.webUrl, email, mailFrom(b));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mails = await mailsTo(email);
    expect(mails.filter(mailFrom(a))).toHaveLength(5);
    expect(mails.filter(mailFrom(b))).toHaveLength(1);
  });

  it("counts wrong sign-in codes per project: an address locked in A still signs in to B", async () => {
    const email = uniqueEmail("guessed");
    const wrongGuesses = async (project: TestProject) => {
      const sent = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(project), body: { email, callback_url: CALLBACK } });
      for (let i = 0; i < 5; i++) await api("/api/v1/auth/otp/sign-in", { headers: client(project), body: { code: `${i % 2 ? "AAAAAA" : "BBBBBB"}${sent.body.nonce}` } });
    };
    // Four codes of five wrong tries each: past the per-address limit of A.
    for (let i = 0; i < 4; i++) await wrongGuesses(a);
    const sentInA = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(a), body: { email, callback_url: CALLBACK } });
    expect(sentInA.status).toBe(200);
    await settleOutbox();
    await expect.poll(async () => (await mailsTo(email)).length, { timeout: 15_000 }).toBe(5);
    const codeInA = codeFromEmail((await mailsTo(email)).filter(mailFrom(a)).at(-1)!);
    // The sign-in guard pauses the address in A after 10 wrong codes, for the right one too.
    expectKnownError(await api("/api/v1/auth/otp/sign-in", { headers: client(a), body: { code: codeInA } }), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    const sentInB = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(b), body: { email, callback_url: CALLBACK } });
    const codeInB = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email, mailFrom(b)));
    const signedIn = await api("/api/v1/auth/otp/sign-in", { headers: client(b), body: { code: codeInB } });
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(sentInB.status).toBe(200);
  });

  it("keeps a token it has seen valid for A invalid for B, and each project's signing keys its own", async () => {
    const user = await signUpWithPassword(a);
    expect((await api("/api/v1/users/me", { headers: client(a, { "access-token": user.accessToken }) })).status).toBe(200);
    expectKnownError(await api("/api/v1/users/me", { headers: client(b, { "access-token": user.accessToken }) }), "INVALID_PROJECT_FOR_ACCESS_TOKEN", 401);
    const kids = async (project: TestProject) => (await api(`/api/v1/projects/${project.projectId}/.well-known/jwks.json`)).body.keys.map((key: { kid: string }) => key.kid);
    const [kidsOfA, kidsOfB] = [await kids(a), await kids(b)];
    expect(kidsOfA.filter((kid: string) => kidsOfB.includes(kid))).toEqual([]);
  });

  it("applies a config change of A to A alone, though project configs are cached", async () => {
    await patchProjectConfig(a, { sign_up_enabled: false });
    try {
      expectKnownError(await api("/api/v1/auth/password/sign-up", { headers: client(a), body: { email: uniqueEmail(), password: "long enough password" } }), "SIGN_UP_NOT_ENABLED", 400);
      expect((await api("/api/v1/auth/password/sign-up", { headers: client(b), body: { email: uniqueEmail(), password: "long enough password" } })).status).toBe(200);
    } finally {
      await patchProjectConfig(a, { sign_up_enabled: true });
    }
  });

  it("keeps the internal project's users out of every other project", async () => {
    const internalUser = await signUpWithPassword(internalProject(), uniqueEmail("internal"));
    expectKnownError(await api(`/api/v1/users/${internalUser.userId}`, { headers: projectHeaders(a, "server") }), "USER_NOT_FOUND", 404);
  });
});
