import { beforeAll, describe, expect, it } from "vitest";
import { listEmails } from "../harness/maildev";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  expectKnownError,
  patchProjectConfig,
  projectHeaders,
  signUpWithPassword,
  testEnv,
  uniqueEmail,
} from "../harness/rest";
import { projectSnapshot } from "../harness/snapshots";

// Emailed callback URLs go only to trusted domains, checked before anything that depends on the account, so the
// answer is the same for known and unknown addresses.

const TRUSTED = "https://app.example/handler/callback";
let project: TestProject;
let user: SignedInUser;
let teamId: string;

beforeAll(async () => {
  project = await createTestProject("redirect targets");
  await enableMagicLinks(project);
  await patchProjectConfig(project, { allow_localhost: false, domains: [{ domain: "https://app.example", handler_path: "/handler" }] });
  user = await signUpWithPassword(project);
  teamId = (await api("/api/v1/teams", { headers: projectHeaders(project, "server"), body: { display_name: "Invites" } })).body.id;
});

const client = (extra: Record<string, string> = {}) => projectHeaders(project, "client", extra);

/** Every route that mails a link to a caller-chosen callback URL, for one callback. */
const CALLBACK_ROUTES: [string, (callback: string) => Promise<ApiResponse>][] = [
  ["sign-up", (cb) => api("/api/v1/auth/password/sign-up", { headers: client(), body: { email: uniqueEmail(), password: "correct horse battery", verification_callback_url: cb } })],
  ["password reset", (cb) => api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: user.email, callback_url: cb } })],
  ["sign-in code", (cb) => api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email: uniqueEmail(), callback_url: cb } })],
  [
    "verification resend",
    (cb) => api("/api/v1/contact-channels/send-verification-code", { headers: client({ "access-token": user.accessToken }), body: { email: user.email, callback_url: cb } }),
  ],
  [
    "team invitation",
    (cb) =>
      api("/api/v1/team-invitations/send-code", {
        headers: projectHeaders(project, "server"),
        body: { team_id: teamId, email: uniqueEmail("invitee"), callback_url: cb },
      }),
  ],
];

async function refusedWithNothingSent(send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const mailsBefore = (await listEmails(testEnv().maildev.webUrl)).length;
  const before = await projectSnapshot(project.projectId);
  const response = await send();
  expectKnownError(response, "REDIRECT_URL_NOT_WHITELISTED", 400);
  expect(response.headers.get("location")).toBeNull();
  expect(await projectSnapshot(project.projectId)).toEqual(before);
  // Other files mail in parallel: only this project's addresses would show up, so compare what reached them.
  const mails = await listEmails(testEnv().maildev.webUrl);
  expect(mails.slice(mailsBefore).filter((mail) => mail.to.some((to) => to.address === user.email))).toEqual([]);
  return response;
}

describe("OA-01 untrusted callback URLs on every route that mails a link", () => {
  it.each(CALLBACK_ROUTES)("%s: refused, nothing written, nothing mailed", async (_name, send) => {
    await refusedWithNothingSent(() => send("https://evil.example/handler/callback"));
  });
});

describe("OA-02 the bypass corpus", () => {
  const CORPUS = [
    "https://app.example.evil.example/cb",
    "https://app.example@evil.example/cb",
    "https://evil.example#@app.example",
    "https://evil.example?.app.example",
    "https:evil.example",
    "https://app.example\t.evil.example/",
    "javascript:alert(1)//https://app.example",
    "JavaScript://app.example/%0aalert(1)",
    "data:text/html,https://app.example",
    "https://app.example./cb",
  ];
  it.each(CORPUS)("refuses %s as a reset callback", async (callback) => {
    const response = await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: user.email, callback_url: callback } });
    // Values the URL schema already refuses are a SCHEMA_ERROR; the rest fail the trusted-domain check.
    expect(["REDIRECT_URL_NOT_WHITELISTED", "SCHEMA_ERROR"], response.text).toContain(response.body.code);
    expect(response.status).toBe(400);
  });

  it("accepts the trusted domain, scheme and host in any case", async () => {
    const response = await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: user.email, callback_url: "HTTPS://APP.EXAMPLE/cb" } });
    expect(response.status, response.text).toBe(200);
  });
});

describe("OA-04 localhost and other ports", () => {
  it.each(["http://localhost:3000/cb", "http://127.0.0.1:3000/cb", "https://app.example:8443/cb"])(
    "refuses %s when the project does not allow localhost and trusts default ports only",
    async (callback) => {
      await refusedWithNothingSent(() => CALLBACK_ROUTES[1]![1](callback));
    },
  );
});

describe("no user enumeration through untrusted callbacks (AU-04)", () => {
  // Regression: a known address got REDIRECT_URL_NOT_WHITELISTED and an unknown one 200.
  it.each([
    ["password reset", "/api/v1/auth/password/send-reset-code"],
    ["sign-in code", "/api/v1/auth/otp/send-sign-in-code"],
  ])("%s answers known and unknown addresses alike", async (_name, path) => {
    const send = (email: string) => api(path, { headers: client(), body: { email, callback_url: "https://evil.example/cb" } });
    const [known, unknown] = [await send(user.email), await send(uniqueEmail("nobody"))];
    expect(known.status).toBe(unknown.status);
    expect(known.body.code).toBe(unknown.body.code);
    expect(known.body).toEqual(unknown.body);
    expect(known.headers.get("x-stack-known-error")).toBe(unknown.headers.get("x-stack-known-error"));
  });
});
