import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import {
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  expectKnownError,
  internalProject,
  patchProjectConfig,
  projectHeaders,
  signUpWithPassword,
  sql,
  testEnv,
  uniqueEmail,
} from "../harness/rest";

// The values a user's state takes where Stack Auth's API computes them: personal team names, the sign-up country,
// anonymity, and what a server may write.

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

let project: TestProject;
const server = () => projectHeaders(project, "server");
const createUser = (body: Record<string, unknown>) => api("/api/v1/users", { headers: server(), body });
const readUser = (id: string, query = "") => api(`/api/v1/users/${id}${query}`, { headers: server() });
const patchUser = (id: string, body: Record<string, unknown>) => api(`/api/v1/users/${id}`, { method: "PATCH", headers: server(), body });
const anonymousSignUp = async (target = project, baseUrl?: string) =>
  (await api("/api/v1/auth/anonymous/sign-up", { baseUrl, headers: projectHeaders(target, "client"), body: {} })).body;
const rowCount = async (table: string) => (await sql(`select count(*)::int as n from ${table} t join tenancies y on y.id = t.tenancy_id where y.project_id = $1`, [project.projectId]))[0].n;

beforeAll(async () => {
  project = await createTestProject("User state");
  await patchProjectConfig(project, { create_team_on_sign_up: true });
  await enableMagicLinks(project);
});

describe("personal teams", () => {
  it("are named after the email when there is no display name", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("Named.After"));
    const me = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) });
    expect(me.body.selected_team).toMatchObject({ display_name: `${user.email.toLowerCase()}'s Team` });
  });

  it("are named after the display name first, and 'Personal Team' when there is neither", async () => {
    const named = await createUser({ display_name: "Ada", primary_email: uniqueEmail() });
    const bare = await createUser({});
    expect((await readUser(named.body.id)).body.selected_team.display_name).toBe("Ada's Team");
    expect((await readUser(bare.body.id)).body.selected_team.display_name).toBe("Personal Team");
  });

  it("are made for server-created users, though POST /users answers before they exist (as Stack Auth's API does)", async () => {
    for (const target of [project, { ...internalProject(), owner: project.owner }]) {
      const email = uniqueEmail("server-made");
      const created = await api("/api/v1/users", { headers: projectHeaders(target, "server"), body: { primary_email: email } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ selected_team: null, selected_team_id: null });
      const read = await api(`/api/v1/users/${created.body.id}`, { headers: projectHeaders(target, "server") });
      expect(read.body.selected_team).toMatchObject({ display_name: `${email}'s Team` });
      expect(read.body.selected_team_id).toBe(read.body.selected_team.id);
    }
  });
});

describe("leaving anonymity", () => {
  it("PATCH is_anonymous=false makes a regular user, signed up now, whose placeholder team takes the new name", async () => {
    const anonymous = await anonymousSignUp();
    const before = (await readUser(anonymous.user_id)).body;
    expect(before).toMatchObject({ is_anonymous: true, selected_team: { display_name: "Personal Team" } });
    const patched = await patchUser(anonymous.user_id, { is_anonymous: false, display_name: "Grace" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ is_anonymous: false, is_restricted: false, restricted_reason: null, selected_team: { display_name: "Grace's Team" } });
    expect(patched.body.signed_up_at_millis).toBeGreaterThanOrEqual(before.signed_up_at_millis);
  });

  it("keeps the placeholder name when the change gives no name or email", async () => {
    const anonymous = await anonymousSignUp();
    const patched = await patchUser(anonymous.user_id, { is_anonymous: false });
    expect(patched.body).toMatchObject({ is_anonymous: false, selected_team: { display_name: "Personal Team" } });
  });

  it("a password sign-up of an anonymous user renames its personal team after the email", async () => {
    const anonymous = await anonymousSignUp();
    const email = uniqueEmail("upgraded");
    const headers = projectHeaders(project, "client", { "access-token": anonymous.access_token, "allow-anonymous-user": "true" });
    expect((await api("/api/v1/auth/password/sign-up", { headers, body: { email, password: "correct horse battery" } })).status).toBe(200);
    expect((await readUser(anonymous.user_id)).body.selected_team.display_name).toBe(`${email}'s Team`);
  });

  it("refuses is_anonymous=true with SCHEMA_ERROR, on any user", async () => {
    const regular = await createUser({});
    expectKnownError(await patchUser(regular.body.id, { is_anonymous: true }), "SCHEMA_ERROR", 400);
    expect((await readUser(regular.body.id)).body.is_anonymous).toBe(false);
  });
});

describe("finding anonymous users", () => {
  it("GET /users/{id} finds an anonymous user, with or without include_anonymous=true", async () => {
    const anonymous = await anonymousSignUp();
    for (const query of ["?include_anonymous=true", ""]) {
      const read = await readUser(anonymous.user_id, query);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: anonymous.user_id, is_anonymous: true, restricted_reason: { type: "anonymous" } });
    }
  });

  it("the list leaves anonymous users out unless include_anonymous=true, and only_anonymous=true keeps only them", async () => {
    const listed = await createTestProject("Anonymous listing");
    const regular = await api("/api/v1/users", { headers: projectHeaders(listed, "server"), body: {} });
    const anonymous = await anonymousSignUp(listed);
    const ids = async (query: string) => {
      const page = await api(`/api/v1/users?${query}`, { headers: projectHeaders(listed, "server") });
      expect(page.status).toBe(200);
      return page.body.items.map((user: { id: string }) => user.id).filter((id: string) => id !== listed.owner.userId);
    };
    expect(await ids("")).toEqual([regular.body.id]);
    expect(await ids("include_anonymous=true")).toEqual([regular.body.id, anonymous.user_id]);
    expect(await ids("include_anonymous=true&only_anonymous=true")).toEqual([anonymous.user_id]);
    const alone = await api("/api/v1/users?only_anonymous=true", { headers: projectHeaders(listed, "server") });
    expect(alone.status).toBe(400);
    expect(alone.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});

describe("what a server may write", () => {
  it("refuses primary_email_verified or primary_email_auth_enabled without an email, with a plain 400, writing nothing", async () => {
    const users = await rowCount("project_users");
    for (const body of [{ primary_email_verified: true }, { primary_email_auth_enabled: true }]) {
      const response = await createUser(body);
      expect(response.status).toBe(400);
      expect(response.headers.get("x-stack-known-error")).toBeNull();
    }
    expect(await rowCount("project_users")).toBe(users);
    const emailless = await createUser({});
    for (const body of [{ primary_email_verified: true }, { primary_email_auth_enabled: true, display_name: "Not written" }]) {
      expect((await patchUser(emailless.body.id, body)).status).toBe(400);
    }
    expect((await readUser(emailless.body.id)).body.display_name).toBeNull();
    // Removing the email in the same change clears the flags instead.
    const withEmail = await createUser({ primary_email: uniqueEmail(), primary_email_verified: true });
    const removed = await patchUser(withEmail.body.id, { primary_email: null, primary_email_verified: true });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ primary_email: null, primary_email_verified: false });
  });

  it("imports a whole bcrypt hash, and refuses one of cost 17, a truncated one and a non-hash with a plain 400", async () => {
    const email = uniqueEmail("imported");
    const imported = await createUser({ primary_email: email, primary_email_auth_enabled: true, password_hash: "$2a$13$TVyY/gpw9Db/w1fBeJkCgeNg2Rae2JfNqrPnSAKtj.ufAO5cVF13." });
    expect(imported.body.has_password).toBe(true);
    const signIn = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(project, "client"), body: { email, password: "hello-world" } });
    expect(signIn.body.user_id).toBe(imported.body.id);
    for (const passwordHash of ["$2a$17$VIhIOofSMqGdGlL4wzE//e.77dAQGqNtF/1dT7bqCrVtQuInWy2qi", "$2a$10$abc", "hello-world", "$argon2id$x"]) {
      const refused = await createUser({ primary_email: uniqueEmail(), password_hash: passwordHash });
      expect(refused.status, passwordHash).toBe(400);
      expect(refused.headers.get("content-type")).toMatch(/^text\/plain/);
    }
  });

  it("takes the addresses Stack Auth's API takes from a server, stored normalised", async () => {
    for (const [given, stored] of [
      ["invalid_email@gmai", "invalid_email@gmai"],
      ["A.B+Tag@Example.COM", "a.b+tag@example.com"],
      ["a..b@example.com", "a..b@example.com"],
    ]) {
      const created = await createUser({ primary_email: given });
      expect(created.status, given).toBe(201);
      expect(created.body.primary_email).toBe(stored);
    }
    const user = await createUser({});
    expect((await patchUser(user.body.id, { primary_email: "admin@intranet" })).body.primary_email).toBe("admin@intranet");
    for (const refused of ["ünicode@example.com", '"quoted"@example.com', "a@b.com,c@d.com"]) expectKnownError(await createUser({ primary_email: refused }), "SCHEMA_ERROR", 400);
  });

  it("sets a password shorter than sign-up's minimum, as Stack Auth's API does, but not an empty one", async () => {
    const email = uniqueEmail("short");
    const created = await createUser({ primary_email: email, primary_email_auth_enabled: true, password: "abc" });
    expect(created.status).toBe(201);
    expect(created.body.has_password).toBe(true);
    expect((await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(project, "client"), body: { email, password: "abc" } })).status).toBe(200);
    expect((await patchUser(created.body.id, { password: "xy" })).status).toBe(200);
    expectKnownError(await createUser({ primary_email: uniqueEmail(), password: "" }), "SCHEMA_ERROR", 400);
  });

  it("answers a limit above the largest page with a page, not an error", async () => {
    const page = await api("/api/v1/users?limit=100000000", { headers: server() });
    expect(page.status).toBe(200);
    expect(page.body.pagination).toEqual({ next_cursor: null });
    expect(page.body.items.length).toBeGreaterThan(0);
  });
});

describe("the sign-up country", () => {
  let proxied: BackendProcess;
  beforeAll(async () => {
    proxied = await startBackend({ ...backendEnv(testEnv()), STACK_TRUST_PROXY: "true" }, { quiet: true });
  }, 60_000);
  afterAll(() => proxied.stop());

  const signUp = (baseUrl: string, headers: Record<string, string>, email = uniqueEmail("country")) =>
    api("/api/v1/auth/password/sign-up", { baseUrl, headers: { ...projectHeaders(project, "client"), ...headers }, body: { email, password: "correct horse battery" } });
  const countryOf = async (userId: string) => (await readUser(userId)).body.country_code;

  it("is the CDN's country header of a browser's sign-up behind a trusted proxy", async () => {
    const viaCloudflare = await signUp(proxied.url, { "user-agent": BROWSER, "cf-ipcountry": "de" });
    expect(await countryOf(viaCloudflare.body.user_id)).toBe("DE");
    const viaVercel = await signUp(proxied.url, { "user-agent": BROWSER, "x-vercel-ip-country": "JP", "cf-ipcountry": "DE" });
    expect(await countryOf(viaVercel.body.user_id)).toBe("JP");
  });

  it("is not taken from an untrusted hop, a server's request, or a code that names no country", async () => {
    const cases = [
      await signUp(testEnv().backendUrl, { "user-agent": BROWSER, "cf-ipcountry": "DE" }),
      await signUp(proxied.url, { "user-agent": "node", "cf-ipcountry": "DE" }),
      await signUp(proxied.url, { "user-agent": BROWSER, "cf-ipcountry": "XX" }),
      await signUp(proxied.url, { "user-agent": BROWSER, "cf-ipcountry": "T1" }),
    ];
    for (const response of cases) expect(await countryOf(response.body.user_id)).toBeNull();
  });

  it("is taken by a sign-in code that signs a new user up, and kept when an anonymous user already had one", async () => {
    const email = uniqueEmail("otp-country");
    await api("/api/v1/auth/otp/send-sign-in-code", { headers: projectHeaders(project, "client"), body: { email, callback_url: CALLBACK } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    const signedIn = await api("/api/v1/auth/otp/sign-in", {
      baseUrl: proxied.url,
      headers: { ...projectHeaders(project, "client"), "user-agent": BROWSER, "cf-ipcountry": "BR" },
      body: { code },
    });
    expect(signedIn.body.is_new_user).toBe(true);
    expect(await countryOf(signedIn.body.user_id)).toBe("BR");

    // Signed up on the same instance: its tokens name that instance as issuer.
    const anonymous = await anonymousSignUp(project, proxied.url);
    expect(await countryOf(anonymous.user_id)).toBeNull();
    await patchUser(anonymous.user_id, { country_code: "FR" });
    const upgraded = await signUp(proxied.url, { "user-agent": BROWSER, "cf-ipcountry": "DE", "x-hexclave-access-token": anonymous.access_token, "x-hexclave-allow-anonymous-user": "true" });
    expect(upgraded.body.user_id, upgraded.text).toBe(anonymous.user_id);
    expect(await countryOf(anonymous.user_id)).toBe("FR");
  });

  it("is not read from headers by POST /users, which takes country_code from its body", async () => {
    const created = await api("/api/v1/users", { baseUrl: proxied.url, headers: { ...server(), "user-agent": BROWSER, "cf-ipcountry": "DE" }, body: {} });
    expect(created.body.country_code).toBeNull();
  });
});
