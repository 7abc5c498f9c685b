import { describe, expect, it } from "vitest";
import {
  type ApiResponse,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  sql,
  uniqueEmail,
} from "../harness/rest";
import { ctx, refusedWithoutWrites, client, server, admin, json, httpCall, useBadInputProject } from "./bad-input-support";

// Forbidden fields, unstorable strings, bad ids, parameter
// pollution, password lengths, sign-up races.

useBadInputProject();

describe("IN-06 mass assignment", () => {
  const SIGN_UP_EXTRAS: [string, unknown][] = [
    ["emailVerified", true],
    ["role", "owner"],
    ["project_id", "internal"],
    ["user_id", "00000000-0000-4000-8000-000000000000"],
    ["created_at", 0],
    ["password_hash", "$2a$10$abcdefghijklmnopqrstuuWzWVgd6kNzm2HqfqBspD3bA2C8WRc7u"],
    ["primary_email_verified", true],
    ["stripe_customer_id", "cus_1"],
  ];

  it.each(SIGN_UP_EXTRAS)("sign-up with %s → 400 SCHEMA_ERROR naming it, nothing written", async (field, value) => {
    const body = { email: uniqueEmail(), password: "correct horse battery", [field]: value };
    const response = await refusedWithoutWrites(() => api("/api/v1/auth/password/sign-up", { headers: client(), body }));
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain(`contains unknown properties: ${field}`);
  });

  it.each([
    ["server_metadata", { role: "admin" }],
    ["primary_email_verified", true],
    ["client_read_only_metadata", { plan: "enterprise" }],
    ["password", "a brand new password"],
    ["restricted_by_admin", false],
  ] as [string, unknown][])("client PATCH /users/me with %s → 400 SCHEMA_ERROR, user unchanged", async (field, value) => {
    const before = await api(`/api/v1/users/${ctx.user.userId}`, { headers: server() });
    const response = await refusedWithoutWrites(() =>
      api("/api/v1/users/me", { method: "PATCH", headers: client({ "access-token": ctx.user.accessToken }), body: { [field]: value } }),
    );
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain(field);
    const after = await api(`/api/v1/users/${ctx.user.userId}`, { headers: server() });
    expect({ ...after.body, last_active_at_millis: 0 }).toEqual({ ...before.body, last_active_at_millis: 0 });
    const signIn = await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email: ctx.user.email, password: ctx.user.password } });
    expect(signIn.status).toBe(200);
  });

  it.each([["id"], ["signed_up_at_millis"], ["project_id"]])("server POST /users with %s → 400 SCHEMA_ERROR", async (field) => {
    const body = { primary_email: uniqueEmail(), [field]: field === "signed_up_at_millis" ? 0 : "00000000-0000-4000-8000-000000000000" };
    const response = await refusedWithoutWrites(() => api("/api/v1/users", { headers: server(), body }));
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain(`contains unknown properties: ${field}`);
  });
});

describe("IN-12 NUL, lone surrogates and invalid UTF-8", () => {
  const cases: [string, () => Promise<ApiResponse>][] = [
    ["NUL in the sign-up email", () => api("/api/v1/auth/password/sign-up", { headers: client(), body: { email: `a\u0000${uniqueEmail()}`, password: "correct horse battery" } })],
    ["NUL in the sign-up password", () => api("/api/v1/auth/password/sign-up", { headers: client(), body: { email: uniqueEmail(), password: "correct\u0000horse battery" } })],
    ["NUL in display_name on POST /users", () => api("/api/v1/users", { headers: server(), body: { display_name: "a\u0000b" } })],
    ["a lone surrogate in display_name on PATCH /users/{id}", () => api(`/api/v1/users/${ctx.user.userId}`, { method: "PATCH", headers: server(), body: { display_name: "a\ud800b" } })],
    ["NUL in a client_metadata key", () => api("/api/v1/users/me", { method: "PATCH", headers: client({ "access-token": ctx.user.accessToken }), body: { client_metadata: { "k\u0000": 1 } } })],
    ["a lone surrogate deep in server_metadata", () => api(`/api/v1/users/${ctx.user.userId}`, { method: "PATCH", headers: server(), body: { server_metadata: { a: [{ b: "\udc00" }] } } })],
    ["NUL in a project display_name", () => api("/api/v1/internal/projects/current", { method: "PATCH", headers: admin(), body: { display_name: "x\u0000" } })],
  ];

  it.each(cases)("refuses %s with 400 SCHEMA_ERROR, nothing written", async (_label, request) => {
    const response = await refusedWithoutWrites(request);
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it("refuses invalid UTF-8 bytes in a JSON body with 400 BODY_PARSING_ERROR", async () => {
    const bytes = Buffer.concat([Buffer.from('{"display_name":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const response = await refusedWithoutWrites(() =>
      api(`/api/v1/users/${ctx.user.userId}`, { method: "PATCH", headers: { ...server(), ...json }, rawBody: new Uint8Array(bytes) }),
    );
    expectKnownError(response, "BODY_PARSING_ERROR", 400);
  });
});

describe("IN-13 non-UUID path ids", () => {
  const BAD_IDS: [string, string][] = [
    ["..%2f", "..%2fme"],
    ["%2e%2e%2f", "%2e%2e%2fme"],
    [";", "me;"],
    ["a lone ;", ";"],
    ["a 10 KB id", "a".repeat(10 * 1024)],
    ["not-a-uuid", "not-a-uuid"],
  ];

  it.each(BAD_IDS.flatMap(([label, id]) => ["GET", "PATCH", "DELETE"].map((method) => [method, label, id])))(
    "%s /users/{%s} → 400 SCHEMA_ERROR or 404, never another handler",
    async (method, _label, id) => {
      const response = await refusedWithoutWrites(() =>
        api(`/api/v1/users/${id}`, {
          method,
          headers: server({ "access-token": ctx.user.accessToken }),
          ...(method === "PATCH" ? { body: { display_name: "hijacked" } } : {}),
        }),
      );
      expect([400, 404]).toContain(response.status);
      if (response.status === 400) expectKnownError(response, "SCHEMA_ERROR", 400);
      expect(response.text).not.toContain(ctx.user.userId);
    },
  );
});

// IN-15: a parameter given twice or in two places is a validation failure, answered with SCHEMA_ERROR, the code
// the SDKs already handle for one.
describe("IN-15 parameter pollution", () => {
  const other = "00000000-0000-4000-8000-000000000000";

  it.each([
    ["GET", () => `/api/v1/teams?user_id=me&user_id=${ctx.user.userId}`],
    ["GET", () => `/api/v1/teams?user_id=${other}&user_id=me`],
    ["GET", () => "/api/v1/auth/sessions?user_id=me&user_id=me"],
    ["DELETE", () => `/api/v1/auth/sessions/${other}?user_id=me&user_id=${other}`],
    ["POST", () => `/api/v1/team-invitations/${other}/accept?user_id=me&user_id=${other}`],
  ])("%s %s: a query parameter given twice → 400 SCHEMA_ERROR", async (method, path) => {
    const response = await refusedWithoutWrites(() =>
      api(path(), { method, headers: client({ "access-token": ctx.user.accessToken }), ...(method === "POST" ? { body: {} } : {}) }),
    );
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.error).toContain("query.user_id is given more than once");
  });

  it("refuses a server list whose limit is given twice", async () => {
    expectKnownError(await refusedWithoutWrites(() => api("/api/v1/users?limit=1&limit=1000", { headers: server() })), "SCHEMA_ERROR", 400);
  });

  it.each([
    ["PATCH /users/me", "PATCH", "/api/v1/users/me?display_name=Mallory", { display_name: "Alice" }],
    ["POST /auth/password/sign-in", "POST", "/api/v1/auth/password/sign-in?email=victim%40example.com", { email: "a@example.com", password: "whatever it is" }],
    ["POST /user-api-keys", "POST", `/api/v1/user-api-keys?user_id=${other}`, { user_id: "me", description: "x", expires_at_millis: null }],
  ])("%s: a body field also in the query → 400 SCHEMA_ERROR", async (_name, method, path, body) => {
    const response = await refusedWithoutWrites(() => api(path, { method, headers: client({ "access-token": ctx.user.accessToken }), body }));
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.error).toContain("query contains unknown properties");
  });

  // RFC 6749 §3.2: token request parameters MUST NOT be included more than once. Stack Auth's API has no code of its own
  // for an ambiguous request: it is a SCHEMA_ERROR, which the token route answers like every other route.
  it("refuses a token request with refresh_token given twice with 400 SCHEMA_ERROR", async () => {
    const user = await signUpWithPassword(ctx.project);
    const form = new URLSearchParams([
      ["grant_type", "refresh_token"],
      ["refresh_token", user.refreshToken],
      ["refresh_token", "b".repeat(45)],
      ["client_id", ctx.project.projectId],
      ["client_secret", "__stack_public_client__"],
    ]);
    const response = await api("/api/v1/auth/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form.toString() });
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain("body.refresh_token is given more than once");
    expect((await refreshWithOAuth(ctx.project.projectId, user.refreshToken)).status).toBe(200);
  });
});

describe("IN-16 password lengths", () => {
  const signUp = (password: string, email = uniqueEmail()) =>
    api("/api/v1/auth/password/sign-up", { headers: client(), body: { email, password } });
  const signIn = (email: string, password: string) => api("/api/v1/auth/password/sign-in", { headers: client(), body: { email, password } });

  it("refuses 71 code points with 400 SCHEMA_ERROR", async () => {
    expectKnownError(await refusedWithoutWrites(() => signUp("p".repeat(71))), "SCHEMA_ERROR", 400);
  });

  it("refuses 7 characters with PASSWORD_TOO_SHORT (min_length 8)", async () => {
    const response = await refusedWithoutWrites(() => signUp("1234567"));
    expectKnownError(response, "PASSWORD_TOO_SHORT", 400);
    expect(response.body.details).toEqual({ min_length: 8 });
  });

  it("counts code points for the minimum: 7 emoji (14 UTF-16 units) are too short", async () => {
    expectKnownError(await refusedWithoutWrites(() => signUp("😀".repeat(7))), "PASSWORD_TOO_SHORT", 400);
  });

  it.each([["70 ASCII characters", "p".repeat(70)], ["64 emoji", "🔑".repeat(64)], ["64 spaces", " ".repeat(64)]])(
    "accepts %s and signs in with them",
    async (_label, password) => {
      const email = uniqueEmail();
      expect((await signUp(password, email)).status).toBe(200);
      expect((await signIn(email, password)).status).toBe(200);
    },
  );

  it("refuses 256 emoji with 400 SCHEMA_ERROR", async () => {
    expectKnownError(await refusedWithoutWrites(() => signUp("🔑".repeat(256))), "SCHEMA_ERROR", 400);
  });

  it.each([
    ["sign-up", () => httpCall("/api/v1/auth/password/sign-up", { headers: client(), body: JSON.stringify({ email: uniqueEmail(), password: "x".repeat(1024 * 1024) }) })],
    ["sign-in", () => httpCall("/api/v1/auth/password/sign-in", { headers: client(), body: JSON.stringify({ email: ctx.user.email, password: "x".repeat(1024 * 1024) }) })],
  ] as [string, () => Promise<ApiResponse>][])("refuses a 1 MB password on %s with 413 within 2 s", async (_label, request) => {
    const started = Date.now();
    const response = await refusedWithoutWrites(request);
    expect(Date.now() - started).toBeLessThan(2000);
    expectKnownError(response, "PAYLOAD_TOO_LARGE", 413);
  });

  it("refuses a 1 MB password on PATCH /users/{id} with 400 SCHEMA_ERROR within 2 s", async () => {
    const started = Date.now();
    const response = await refusedWithoutWrites(() =>
      api(`/api/v1/users/${ctx.user.userId}`, { method: "PATCH", headers: server(), body: { password: "x".repeat(1024 * 1024) } }),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it.each([
    ["80+ UTF-8 bytes of emoji", "🔑".repeat(20)],
    ["69 ASCII characters", "p".repeat(69)],
  ])("does not truncate: a password sharing %s of prefix does not verify", async (_label, prefix) => {
    const email = uniqueEmail();
    expect((await signUp(`${prefix}A`, email)).status).toBe(200);
    expectKnownError(await signIn(email, `${prefix}B`), "EMAIL_PASSWORD_MISMATCH", 400);
    expect((await signIn(email, `${prefix}A`)).status).toBe(200);
  });
});

describe("CC-01 concurrent sign-ups with one email", () => {
  it("50 concurrent sign-ups (with case variants) make exactly one user; the rest get 409", async () => {
    const project = await createTestProject("cc-01");
    const email = uniqueEmail("race");
    const variants = [email, email.toUpperCase(), email.replace(/^./, (c) => c.toUpperCase()), email.replace("@example.com", "@EXAMPLE.com")];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api("/api/v1/auth/password/sign-up", {
          headers: projectHeaders(project, "client"),
          body: { email: variants[i % variants.length], password: "correct horse battery" },
        }),
      ),
    );
    expect(responses.filter((r) => r.status >= 500).map((r) => r.text)).toEqual([]);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) expectKnownError(response, "USER_EMAIL_ALREADY_EXISTS", 409);
    const [users] = await sql(
      "select count(*)::int as n from project_users u join tenancies t on t.id = u.tenancy_id where t.project_id = $1",
      [project.projectId],
    );
    expect(users.n).toBe(1);
    const [channels] = await sql(
      "select count(*)::int as n from contact_channels c join tenancies t on t.id = c.tenancy_id where t.project_id = $1 and lower(c.value) = $2",
      [project.projectId, email.toLowerCase()],
    );
    expect(channels.n).toBe(1);
  });
});
