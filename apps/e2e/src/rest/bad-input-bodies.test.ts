import { Agent } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import {
  api,
  expectKnownError,
  internalProject,
  projectHeaders,
  signUpWithPassword,
  sql,
  testEnv,
  uniqueEmail,
} from "../harness/rest";
import { ctx, refusedWithoutWrites, client, server, admin, json, type JsonRoute, route, httpCall, useBadInputProject } from "./bad-input-support";

// Malformed, oversized, mistyped and prototype-polluting bodies.

useBadInputProject();

const JSON_ROUTES: JsonRoute[] = [
  route("POST /auth/password/sign-up", () => "/api/v1/auth/password/sign-up", () => client()),
  route("POST /auth/password/sign-in", () => "/api/v1/auth/password/sign-in", () => client()),
  route("PATCH /users/me", () => "/api/v1/users/me", () => client({ "access-token": ctx.user.accessToken })),
  route("POST /users", () => "/api/v1/users", () => server()),
  route("PATCH /users/{id}", () => `/api/v1/users/${ctx.user.userId}`, () => server()),
  route("POST /internal/projects", () => "/api/v1/internal/projects", () =>
    projectHeaders(internalProject(), "client", { "access-token": ctx.project.owner.accessToken }),
  ),
  route("PATCH /internal/projects/current", () => "/api/v1/internal/projects/current", () => admin()),
  route("POST /internal/api-keys", () => "/api/v1/internal/api-keys", () => admin()),
];

const MALFORMED_JSON: [string, string][] = [
  ["a truncated object", '{"email":'],
  ["a trailing comma", '{"email":"a@example.com",}'],
  ["a UTF-8 BOM before {}", "\uFEFF{}"],
  ["NaN", "NaN"],
];

describe("IN-01 malformed JSON bodies", () => {
  describe.each(JSON_ROUTES)("$name", (r) => {
    const send = (rawBody: string) =>
      refusedWithoutWrites(() => api(r.path(), { method: r.method, headers: { ...r.headers(), ...json }, rawBody }));

    it.each(MALFORMED_JSON)("refuses %s with 400 BODY_PARSING_ERROR and writes nothing", async (_label, rawBody) => {
      expectKnownError(await send(rawBody), "BODY_PARSING_ERROR", 400);
    });

    it("refuses a bare JSON string with 400 SCHEMA_ERROR", async () => {
      expectKnownError(await send('"abc"'), "SCHEMA_ERROR", 400);
    });

    it("refuses an empty body with 400 SCHEMA_ERROR 'body must be defined'", async () => {
      const response = await send("");
      expectKnownError(response, "SCHEMA_ERROR", 400);
      expect(response.body.details.message).toContain("body must be defined");
    });
  });
});


describe("IN-02 oversized bodies", () => {
  // Regression: a client hanging up mid-body once crashed the whole process (node-server rebuilt a consumed stream).
  it("survives clients that hang up in the middle of a body", async () => {
    const { port } = new URL(testEnv().backendUrl);
    for (const path of ["/api/v1/auth/password/sign-up", "/api/v1/users"]) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.write(`POST ${path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"email":`);
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
        socket.on("error", reject);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await api("/health")).body).toEqual({ status: "ok" });
  });

  const signUpBody = (size: number) => JSON.stringify({ email: uniqueEmail(), password: "x".repeat(size) });

  it("refuses a sign-up body above 64 KiB with 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await refusedWithoutWrites(() =>
      httpCall("/api/v1/auth/password/sign-up", { headers: client(), body: signUpBody(64 * 1024 + 1) }),
    );
    expectKnownError(response, "PAYLOAD_TOO_LARGE", 413);
  });

  it("reads a sign-up body just under 64 KiB (and rejects its 60 KiB password as SCHEMA_ERROR)", async () => {
    const response = await refusedWithoutWrites(() =>
      api("/api/v1/auth/password/sign-up", { headers: { ...client(), ...json }, rawBody: signUpBody(60 * 1024) }),
    );
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it("refuses a POST /users body above 2 MiB with 413 PAYLOAD_TOO_LARGE", async () => {
    const body = JSON.stringify({ server_metadata: { blob: "x".repeat(2 * 1024 * 1024) } });
    const response = await refusedWithoutWrites(() => httpCall("/api/v1/users", { headers: server(), body }));
    expectKnownError(response, "PAYLOAD_TOO_LARGE", 413);
  });

  it("reads a 1 MiB POST /users body (outside /auth the limit is 2 MiB)", async () => {
    const body = JSON.stringify({ unknown_field: "x".repeat(1024 * 1024) });
    const response = await refusedWithoutWrites(() => api("/api/v1/users", { headers: { ...server(), ...json }, rawBody: body }));
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it("refuses Content-Length: 10^9 with a tiny body with 413 at once, without waiting for the body", async () => {
    const started = Date.now();
    const response = await refusedWithoutWrites(() =>
      httpCall("/api/v1/auth/password/sign-up", { headers: client(), body: "{}", contentLength: 1_000_000_000 }),
    );
    expectKnownError(response, "PAYLOAD_TOO_LARGE", 413);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a chunked sign-up body without a length once it passes 64 KiB", async () => {
    const body = `{"email":"${uniqueEmail()}","password":"${"x".repeat(80 * 1024)}"}`;
    const response = await refusedWithoutWrites(() => httpCall("/api/v1/auth/password/sign-up", { headers: client(), body, chunked: true }));
    expectKnownError(response, "PAYLOAD_TOO_LARGE", 413);
  });

  it.each([
    ["an 80 KiB sign-up", "/api/v1/auth/password/sign-up", 80 * 1024],
    ["a 1 MiB sign-up", "/api/v1/auth/password/sign-up", 1024 * 1024],
    ["a 3 MiB POST /users", "/api/v1/users", 3 * 1024 * 1024],
  ] as [string, string, number][])("answers %s with 413 and leaves the keep-alive connection closed cleanly or usable", async (_label, path, size) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = path.includes("/auth/") ? client() : server();
      const refused = await httpCall(path, { headers, body: signUpBody(size) }, agent);
      expectKnownError(refused, "PAYLOAD_TOO_LARGE", 413);
      if (refused.headers.get("connection")?.toLowerCase() !== "close") {
        const next = await httpCall("/api/v1/auth/password/sign-in", { headers: client(), body: JSON.stringify({ email: ctx.user.email, password: ctx.user.password }) }, agent);
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });
});

describe("IN-03 deeply nested JSON", () => {
  const nested = (depth: number, leaf = '"x"') => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
  const projectOnly = () => ({ "x-hexclave-project-id": ctx.project.projectId, "x-hexclave-access-type": "client" });

  // Regression: a 10 KB body nested 5,000 deep made the recursive string check throw RangeError, answered 500.
  it("refuses a 10 KB body nested 5,000 deep on sign-in with 400 SCHEMA_ERROR", async () => {
    const rawBody = `{"email":"a@example.com","password":${nested(5000)}}`;
    const response = await refusedWithoutWrites(() =>
      api("/api/v1/auth/password/sign-in", { method: "POST", headers: { ...projectOnly(), ...json }, rawBody }),
    );
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain("nested deeper than");
  });

  it("refuses 100,000 levels of arrays inside a metadata field, within the body limit", async () => {
    const depth = 100_000;
    const rawBody = `{"client_metadata":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const response = await refusedWithoutWrites(() =>
      api("/api/v1/users/me", { method: "PATCH", headers: { ...client({ "access-token": ctx.user.accessToken }), ...json }, rawBody }),
    );
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it("accepts metadata nested within the limit", async () => {
    const response = await api("/api/v1/users/me", {
      method: "PATCH",
      headers: { ...client({ "access-token": ctx.user.accessToken }), ...json },
      rawBody: `{"client_metadata":${nested(40)}}`,
    });
    expect(response.status, response.text).toBe(200);
  });
});

describe("IN-04 non-JSON media types on JSON routes", () => {
  const B = "----hexclave";
  const multipart = (fields: Record<string, string>) =>
    Object.entries(fields).map(([k, v]) => `--${B}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${B}--\r\n`;
  const MEDIA_TYPES: [string, string | undefined, (fields: Record<string, string>) => string | Uint8Array][] = [
    ["text/plain", "text/plain", (fields) => JSON.stringify(fields)],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded", (fields) => new URLSearchParams(fields).toString()],
    ["multipart/form-data", `multipart/form-data; boundary=${B}`, multipart],
    ["no Content-Type", undefined, (fields) => new TextEncoder().encode(JSON.stringify(fields))],
  ];
  describe.each([
    ["sign-up", "/api/v1/auth/password/sign-up", () => client(), () => ({ email: uniqueEmail(), password: "correct horse battery" })],
    ["POST /users", "/api/v1/users", () => server(), () => ({ primary_email: uniqueEmail(), display_name: "simple request" })],
  ] as const)("%s", (_name, path, headers, fields) => {
    it.each(MEDIA_TYPES)("with %s → 415 UNSUPPORTED_MEDIA_TYPE, nothing written", async (_label, contentType, encode) => {
      const response = await refusedWithoutWrites(() =>
        api(path, { method: "POST", headers: { ...headers(), "content-type": contentType }, rawBody: encode(fields()) }),
      );
      expectKnownError(response, "UNSUPPORTED_MEDIA_TYPE", 415);
    });
  });
});

describe("IN-05 duplicate and prototype keys", () => {
  it("resolves duplicate keys last-wins: the second email is the one signed up", async () => {
    const [first, second] = [uniqueEmail("first"), uniqueEmail("second")];
    const rawBody = `{"email":"${first}","email":"${second}","password":"correct horse battery"}`;
    const response = await api("/api/v1/auth/password/sign-up", { headers: { ...client(), ...json }, rawBody });
    expect(response.status).toBe(200);
    const user = await api(`/api/v1/users/${response.body.user_id}`, { headers: server() });
    expect(user.body.primary_email).toBe(second);
    const channels = await sql("select value from contact_channels where user_id = $1", [response.body.user_id]);
    expect(channels.map((c) => c.value)).toEqual([second]);
    const signIn = await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email: first, password: "correct horse battery" } });
    expectKnownError(signIn, "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it.each(["__proto__", "constructor"])("rejects a top-level %s key on sign-up as an unknown property", async (key) => {
    const rawBody = `{"email":"${uniqueEmail()}","password":"correct horse battery","${key}":{"polluted":"yes","prototype":{"polluted":"yes"}}}`;
    const response = await refusedWithoutWrites(() => api("/api/v1/auth/password/sign-up", { headers: { ...client(), ...json }, rawBody }));
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain(`contains unknown properties: ${key}`);
  });

  it.each(["__proto__", "constructor"])("rejects a top-level %s key on POST /users as an unknown property", async (key) => {
    const rawBody = `{"${key}":{"display_name":"pwned","prototype":{"display_name":"pwned"}}}`;
    const response = await refusedWithoutWrites(() => api("/api/v1/users", { headers: { ...server(), ...json }, rawBody }));
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain(key);
  });

  it("leaves Object.prototype unpolluted: a user created with {} after the payloads has no inherited fields", async () => {
    const payload = '{"display_name":"pwned","server_metadata":{"polluted":true},"polluted":"yes"}';
    await api("/api/v1/users", { headers: { ...server(), ...json }, rawBody: `{"__proto__":${payload}}` });
    await api("/api/v1/users", { headers: { ...server(), ...json }, rawBody: `{"constructor":{"prototype":${payload}}}` });
    await api("/api/v1/users/me", {
      method: "PATCH",
      headers: { ...client({ "access-token": ctx.user.accessToken }), ...json },
      rawBody: `{"client_metadata":{"__proto__":${payload}}}`,
    });
    const created = await api("/api/v1/users", { headers: server(), body: {} });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ display_name: null, server_metadata: null, client_metadata: null });
    expect(created.body).not.toHaveProperty("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// Stack Auth's API ignores what a DELETE carries, and the SDKs send bodies on some (`{}` to leave a team). Every
// DELETE route answers as it would without one: stray fields, arrays and strings are not refused.
describe("bodies sent with DELETE", () => {
  const STRAY = { display_name: "ignored", user_id: "not-a-uuid", nested: { a: [1, 2] } };

  it("are ignored when deleting a user, a contact channel, a team membership, a team and the current session", async () => {
    const user = await signUpWithPassword(ctx.project);
    const asUser = client({ "access-token": user.accessToken });
    const channels = await api("/api/v1/contact-channels?user_id=me", { headers: asUser });
    const team = await api("/api/v1/teams", { headers: server(), body: { display_name: "Doomed", creator_user_id: user.userId } });
    const calls: [string, Record<string, string | undefined>][] = [
      [`/api/v1/contact-channels/me/${channels.body.items[0].id}`, asUser],
      [`/api/v1/team-memberships/${team.body.id}/${user.userId}`, server()],
      [`/api/v1/teams/${team.body.id}`, server()],
      ["/api/v1/auth/sessions/current", asUser],
      [`/api/v1/users/${user.userId}`, server()],
    ];
    for (const [path, headers] of calls) {
      const response = await api(path, { method: "DELETE", headers, body: STRAY });
      expect(response.status, `${path}: ${response.text}`).toBe(200);
      expect(response.body).toEqual({ success: true });
    }
    expectKnownError(await api(`/api/v1/users/${user.userId}`, { headers: server() }), "USER_NOT_FOUND", 404);
  });

  it("must still be JSON when sent as JSON", async () => {
    const user = await signUpWithPassword(ctx.project);
    const response = await api(`/api/v1/users/${user.userId}`, { method: "DELETE", headers: { ...server(), ...json }, rawBody: "{" });
    expectKnownError(response, "BODY_PARSING_ERROR", 400);
  });
});
