import { request as httpRequest } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  testEnv,
} from "../harness/rest";

// Tokens, credentials and paths are accepted in one spelling only.

let project: TestProject;
let user: SignedInUser;

beforeAll(async () => {
  project = await createTestProject("canonical forms");
  user = await signUpWithPassword(project);
});

/** A GET whose path is sent byte for byte: fetch and URL would resolve dot segments before sending. */
function rawGet(path: string, headers: Record<string, string | undefined>): Promise<ApiResponse> {
  const { hostname, port } = new URL(testEnv().backendUrl);
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent[name] = value;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: "GET", headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // plain text
        }
        resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body, text });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("access tokens in canonical form only (JWS compact serialisation, RFC 7515 §7.1)", () => {
  const me = (token: string) => api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": token }) });
  const standardAlphabet = (token: string) =>
    token
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("base64"))
      .join(".");

  // Regression: a token with "==" appended, or re-spelt in the standard base64 alphabet, was accepted.
  it.each([
    ["with == appended", (token: string) => `${token}==`],
    ["with a padded header", (token: string) => token.replace(".", "==.")],
    ["in the standard base64 alphabet", standardAlphabet],
  ])("refuses the token %s", async (_label, mangle) => {
    const mangled = mangle(user.accessToken);
    expect(mangled).not.toBe(user.accessToken);
    expectKnownError(await me(mangled), "UNPARSABLE_ACCESS_TOKEN", 401);
  });

  it("accepts the token as issued", async () => {
    expect((await me(user.accessToken)).status).toBe(200);
  });
});

describe("API paths in canonical form only", () => {
  const server = () => projectHeaders(project, "server");

  // Regression: /users/%2e%2e/projects/current answered GET /projects/current (dot segments resolved after routing).
  it.each([
    "/api/v1/users/%2e%2e/projects/current",
    "/api/v1/users/%2E%2E/projects/current",
    "/api/v1/users/.%2e/projects/current",
    "/api/v1/users/../projects/current",
    "/api/v1/users/./me",
    "/api/v1/users/%2e/me",
    "/api/v1//users/me",
    "/api/v1/users//me",
    "/api/v1/users%2fme",
    "/api/v1/users%5cme",
    "/api/v1/users\\me",
  ])("answers %s with 404 (or Node's own 400 for a raw backslash)", async (path) => {
    const response = await rawGet(path, server());
    expect([400, 404], response.text).toContain(response.status);
    expect(response.body?.id).toBeUndefined();
  });

  it("answers the canonical paths as usual", async () => {
    expect((await rawGet("/api/v1/projects/current", server())).status).toBe(200);
    expect((await rawGet(`/api/v1/users/${user.userId}`, server())).status).toBe(200);
  });

  it("answers path variants of sign-in with 404, not with an unlimited twin of the route (AB-05)", async () => {
    for (const path of ["/api/v1//auth/password/sign-in", "/api/v1/auth/password/sign-in/", "/api/v1/AUTH/password/sign-in"]) {
      const response = await api(path, { headers: projectHeaders(project, "client"), body: { email: user.email, password: user.password } });
      expect(response.status, path).toBe(404);
    }
  });
});

describe("refresh tokens in URLs (TK-07)", () => {
  // Regression: a refresh token in the query string was refused with SCHEMA_ERROR, and stayed valid.
  it.each([
    ["the session refresh route", (token: string) => `/api/v1/auth/sessions/current/refresh?refresh_token=${token}`],
    ["the OAuth token route", (token: string) => `/api/v1/auth/oauth/token?grant_type=refresh_token&refresh_token=${token}`],
    ["a header name as the parameter", (token: string) => `/api/v1/users/me?x-stack-refresh-token=${token}`],
    ["a percent-encoded value", (token: string) => `/api/v1/users/me?t=${[...token].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join("")}`],
  ])("refuses a refresh token in %s and ends its session", async (_label, pathOf) => {
    const victim = await signUpWithPassword(project);
    const response = await api(pathOf(victim.refreshToken), {
      method: "POST",
      headers: projectHeaders(project, "client", { "refresh-token": victim.refreshToken }),
      body: {},
    });
    expectKnownError(response, "CREDENTIAL_IN_URL", 400);
    expect(response.body.access_token).toBeUndefined();
    expectKnownError(await refreshWithOAuth(project.projectId, victim.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("leaves other query strings alone, 45-letter values included", async () => {
    const response = await api(`/api/v1/users?query=${"a".repeat(45)}`, { headers: projectHeaders(project, "server") });
    expect(response.status, response.text).toBe(200);
    expect((await refreshWithOAuth(project.projectId, user.refreshToken)).status).toBe(200);
  });
});
