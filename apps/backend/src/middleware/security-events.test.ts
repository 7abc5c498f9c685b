import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { createApiKeySet } from "../domain/projects/api-key-sets";
import { NEW_PROJECT_OVERRIDE } from "../domain/projects/config";
import { createProject } from "../domain/projects/projects";
import { redirectLog } from "../lib/json-log";
import { createTestServices } from "../testing/test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;
let projectId: string;
let lines: string[];
let restoreLog: () => void;

beforeAll(async () => {
  services = await createTestServices();
  app = createApp(services);
  const project = await createProject(services.db, {
    display_name: "Security events",
    owner_team_id: null,
    baseOverride: { ...NEW_PROJECT_OVERRIDE, "apiKeys.enabled.user": true },
  });
  projectId = project.id;
  await createApiKeySet(services.db, projectId, { description: "test", expiresAt: new Date("2099-01-01"), keys: { secret_server_key: "ssk_events_test" } });
}, 60_000);
afterAll(() => services.close());
beforeEach(() => {
  lines = [];
  restoreLog = redirectLog((line) => lines.push(line));
});
afterEach(() => restoreLog());

type Json = Record<string, any>;
const client = (extra: Record<string, string> = {}) => ({ "x-hexclave-project-id": projectId, "x-hexclave-access-type": "client", ...extra });
const server = (key = "ssk_events_test") => ({ "x-hexclave-project-id": projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": key });

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { "user-agent": "events-test/1.0", ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Json };
}

const events = () => lines.map((line) => JSON.parse(line) as Json).filter((record) => record.log === "security");

let signUps = 0;
async function signUp() {
  const email = `events-${++signUps}@example.com`;
  const res = await call("POST", "/auth/password/sign-up", client(), { email, password: "long enough password" });
  expect(res.status).toBe(200);
  lines.length = 0;
  return { email, userId: res.json.user_id as string, accessToken: res.json.access_token as string };
}

describe("security events", () => {
  it("records a failed password sign-in: who tried, what failed, when in UTC, and from where", async () => {
    const { email } = await signUp();
    await call("POST", "/auth/password/sign-in", client(), { email, password: "not the password" });
    expect(events()).toEqual([
      {
        log: "security",
        event: "authentication.failed",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        who: { project_id: projectId, access_type: "client", user_id: null, email },
        what: { route: "POST /auth/password/sign-in", status: 400, code: "EMAIL_PASSWORD_MISMATCH", method: "password" },
        where: { ip: null, user_agent: "events-test/1.0" },
      },
    ]);
  });

  it("records a successful sign-in with the user it signed in", async () => {
    const { email, userId } = await signUp();
    await call("POST", "/auth/password/sign-in", client(), { email, password: "long enough password" });
    expect(events()).toMatchObject([{ event: "authentication.succeeded", who: { user_id: userId, email }, what: { method: "password", status: 200, code: null } }]);
  });

  it("records the real status even when the client asks for errors as 200", async () => {
    await call("POST", "/auth/password/sign-in", client({ "x-stack-override-error-status": "true" }), { email: "nobody@example.com", password: "whatever it is" });
    expect(events()).toMatchObject([{ event: "authentication.failed", what: { status: 400, code: "EMAIL_PASSWORD_MISMATCH" } }]);
  });

  it("records a refused project key on any route, naming the key type but not its value", async () => {
    await call("GET", "/users", server("ssk_wrong_guess"));
    expect(events()).toMatchObject([
      { event: "authentication.failed", who: { project_id: projectId, access_type: "server" }, what: { route: "GET /users", code: "INVALID_SECRET_SERVER_KEY", method: "secret_server_key" } },
    ]);
    expect(lines.join("")).not.toContain("ssk_wrong_guess");
  });

  it("records a user API key revocation with the key's id and who revoked it", async () => {
    const { userId, accessToken } = await signUp();
    const created = await call("POST", "/user-api-keys", client({ "x-hexclave-access-token": accessToken }), { user_id: "me", description: "ci", expires_at_millis: null });
    await call("PATCH", `/user-api-keys/${created.json.id}`, client({ "x-hexclave-access-token": accessToken }), { revoked: true });
    expect(events()).toMatchObject([{ event: "api_key.revoked", who: { user_id: userId, access_type: "client" }, what: { params: { api_key_id: created.json.id } } }]);
    expect(lines.join("")).not.toContain(created.json.value);
  });

  it("records a key revoked for being sent in a URL, without the URL", async () => {
    const { accessToken } = await signUp();
    const created = await call("POST", "/user-api-keys", client({ "x-hexclave-access-token": accessToken }), { user_id: "me", description: "ci", expires_at_millis: null });
    lines.length = 0;
    await call("GET", `/users/me?key=${created.json.value}`, client({ "x-hexclave-access-token": accessToken }));
    expect(events()).toMatchObject([{ event: "credential.revoked_in_url", what: { route: "GET /api/*", code: "CREDENTIAL_IN_URL", status: 400 } }]);
    expect(lines.join("")).not.toContain(created.json.value);
  });

  it("records a not-found answer for an id, which is what another project's ids get", async () => {
    const id = randomUUID();
    await call("GET", `/users/${id}`, server());
    expect(events()).toMatchObject([{ event: "access.not_found", who: { project_id: projectId }, what: { code: "USER_NOT_FOUND", status: 404, params: { user_id: id } } }]);
  });

  it("records a refusal for want of permission", async () => {
    const { userId, accessToken } = await signUp();
    await call("GET", `/teams?user_id=${randomUUID()}`, client({ "x-hexclave-access-token": accessToken }));
    expect(events()).toMatchObject([{ event: "access.denied", who: { user_id: userId }, what: { route: "GET /teams", status: 403, code: null } }]);
  });

  it("records nothing for ordinary requests and malformed ones", async () => {
    const { accessToken } = await signUp();
    await call("GET", "/users/me", client({ "x-hexclave-access-token": accessToken }));
    await call("PATCH", "/users/me", client({ "x-hexclave-access-token": accessToken }), { display_name: "Ada" });
    await call("POST", "/auth/password/sign-in", client(), { email: "a@example.com" });
    expect(events()).toEqual([]);
  });

  it("never logs the password or the tokens of a sign-in", async () => {
    const { email } = await signUp();
    const signedIn = await call("POST", "/auth/password/sign-in", client(), { email, password: "long enough password" });
    const logged = lines.join("");
    for (const secret of ["long enough password", signedIn.json.access_token, signedIn.json.refresh_token]) expect(logged).not.toContain(secret);
  });
});
