import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiResponse, type SignedInUser, api, expectKnownError, internalProject, projectHeaders, signUpWithPassword } from "../harness/rest";

const internal = internalProject();
const { secretServerKey } = internal;

function expectRequestIds(response: ApiResponse): string {
  const stack = response.headers.get("x-stack-request-id");
  const hexclave = response.headers.get("x-hexclave-request-id");
  expect(stack, "x-stack-request-id").toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(hexclave).toBe(stack);
  return stack!;
}

describe("request header brands", () => {
  it("accepts project headers sent only with the x-stack- prefix", async () => {
    const response = await api("/api/v1/projects/current", { headers: projectHeaders(internal, "server", {}, "x-stack-") });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("internal");
  });

  it("accepts project headers sent only with the x-hexclave- prefix", async () => {
    const response = await api("/api/v1/projects/current", { headers: projectHeaders(internal, "server", {}, "x-hexclave-") });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("internal");
  });

  it("accepts a mix: project id and key via x-stack-, access type via x-hexclave-", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { "x-stack-project-id": "internal", "x-hexclave-access-type": "server", "x-stack-secret-server-key": secretServerKey },
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("internal");
  });

  describe("with a signed-in user", () => {
    let user: SignedInUser;
    beforeAll(async () => {
      user = await signUpWithPassword(internal);
    });

    it("reads an x-stack-access-token alongside x-hexclave- project headers", async () => {
      const response = await api("/api/v1/users/me", {
        headers: { ...projectHeaders(internal, "client"), "x-stack-access-token": user.accessToken },
      });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.userId);
    });

    it("prefers x-hexclave-access-token over a conflicting x-stack-access-token", async () => {
      const response = await api("/api/v1/users/me", {
        headers: { ...projectHeaders(internal, "client"), "x-hexclave-access-token": user.accessToken, "x-stack-access-token": "garbage" },
      });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.userId);
    });
  });

  it("prefers x-hexclave-access-type over a conflicting x-stack-access-type (valid hexclave value)", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server"), "x-stack-access-type": "bogus" },
    });
    expect(response.status).toBe(200);
  });

  it("prefers x-hexclave-access-type over a conflicting x-stack-access-type (invalid hexclave value)", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server", {}, "x-stack-"), "x-hexclave-access-type": "bogus" },
    });
    expectKnownError(response, "INVALID_ACCESS_TYPE", 400);
  });

  it("prefers x-hexclave-project-id over a conflicting x-stack-project-id", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server"), "x-stack-project-id": randomUUID() },
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("internal");
  });

  it("prefers x-hexclave-secret-server-key over a conflicting x-stack-secret-server-key", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server"), "x-stack-secret-server-key": "ssk_wrong" },
    });
    expect(response.status).toBe(200);
    const reversed = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server", {}, "x-stack-"), "x-hexclave-secret-server-key": "ssk_wrong" },
    });
    expectKnownError(reversed, "INVALID_SECRET_SERVER_KEY", 401);
  });
});

describe("response headers", () => {
  it("sets equal x-stack-request-id and x-hexclave-request-id on a success", async () => {
    expectRequestIds(await api("/api/v1/projects/current", { headers: projectHeaders(internal, "server") }));
  });

  it("sets equal request-id twins on a known error", async () => {
    const response = await api("/api/v1/users/me");
    expect(response.status).toBe(400);
    expectRequestIds(response);
  });

  it("sets equal request-id twins on a plain-text error", async () => {
    const response = await api(`/api/v1/projects/${randomUUID()}/.well-known/jwks.json`);
    expect(response.status).toBe(404);
    expectRequestIds(response);
  });

  it("sets equal request-id twins on a 404 for an unknown path", async () => {
    const response = await api("/api/v1/this-path-does-not-exist");
    expect(response.status).toBe(404);
    expectRequestIds(response);
  });

  it("sets equal request-id twins on a 405 for an unsupported method", async () => {
    const response = await api("/api/v1/projects/current", { method: "PROPFIND" });
    expect(response.status).toBe(405);
    expectRequestIds(response);
  });

  it("gives each request its own request id", async () => {
    const a = expectRequestIds(await api("/health"));
    const b = expectRequestIds(await api("/health"));
    expect(a).not.toBe(b);
  });

  it("answers an unknown /api path with 404 plain text and no known-error header", async () => {
    const response = await api("/api/v1/this-path-does-not-exist");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("x-stack-known-error")).toBeNull();
    expect(response.headers.get("x-hexclave-known-error")).toBeNull();
  });

  it("sends a known error as JSON {code, error} with both known-error headers equal to the code", async () => {
    const response = await api("/api/v1/users/me", { headers: { "x-hexclave-access-type": "nope", "x-hexclave-project-id": "internal" } });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ code: "INVALID_ACCESS_TYPE", error: expect.any(String) });
    expect(response.headers.get("x-stack-known-error")).toBe(response.body.code);
    expect(response.headers.get("x-hexclave-known-error")).toBe(response.body.code);
  });

  it("puts allow-origin * and both brands' exposed headers on actual /api responses", async () => {
    const response = await api("/api/v1/projects/current", { headers: projectHeaders(internal, "server") });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(/,\s*/);
    for (const name of ["x-stack-actual-status", "x-hexclave-actual-status", "x-stack-known-error", "x-hexclave-known-error"]) {
      expect(exposed).toContain(name);
    }
  });
});

describe("error status override", () => {
  for (const prefix of ["x-stack-", "x-hexclave-"]) {
    it(`sends a known 4xx as 200 with both actual-status headers when ${prefix}override-error-status is set`, async () => {
      const response = await api("/api/v1/users/me", { headers: { [`${prefix}override-error-status`]: "true" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-stack-actual-status")).toBe("400");
      expect(response.headers.get("x-hexclave-actual-status")).toBe("400");
      expect(response.body.code).toBe("ACCESS_TYPE_REQUIRED");
      expect(response.headers.get("x-stack-known-error")).toBe("ACCESS_TYPE_REQUIRED");
      expect(response.headers.get("x-hexclave-known-error")).toBe("ACCESS_TYPE_REQUIRED");
    });
  }

  it("sends a 401 known error as 200 with actual-status 401", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server", { "secret-server-key": "ssk_wrong" }), "x-stack-override-error-status": "true" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-stack-actual-status")).toBe("401");
    expect(response.headers.get("x-hexclave-actual-status")).toBe("401");
    expect(response.body.code).toBe("INVALID_SECRET_SERVER_KEY");
  });

  it("sends a plain-text 404 as 200 with actual-status 404", async () => {
    const response = await api("/api/v1/this-path-does-not-exist", { headers: { "x-hexclave-override-error-status": "true" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-stack-actual-status")).toBe("404");
    expect(response.headers.get("x-hexclave-actual-status")).toBe("404");
  });

  it("does not rewrite a 2xx or add actual-status to it", async () => {
    const response = await api("/api/v1/projects/current", {
      headers: { ...projectHeaders(internal, "server"), "x-stack-override-error-status": "true", "x-hexclave-override-error-status": "true" },
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("internal");
    expect(response.headers.get("x-stack-actual-status")).toBeNull();
    expect(response.headers.get("x-hexclave-actual-status")).toBeNull();
  });

  it("leaves a 4xx alone when no override header is sent", async () => {
    const response = await api("/api/v1/users/me");
    expect(response.status).toBe(400);
    expect(response.headers.get("x-stack-actual-status")).toBeNull();
    expect(response.headers.get("x-hexclave-actual-status")).toBeNull();
  });
});

describe("CORS preflight", () => {
  const SDK_REQUEST_HEADERS = [
    "content-type",
    "authorization",
    "x-stack-project-id",
    "x-stack-branch-id",
    "x-stack-override-error-status",
    "x-stack-random-nonce",
    "x-stack-client-version",
    "x-stack-disable-artificial-development-delay",
    "x-stack-access-type",
    "x-stack-publishable-client-key",
    "x-stack-secret-server-key",
    "x-stack-super-secret-admin-key",
    "x-stack-admin-access-token",
    "x-stack-refresh-token",
    "x-stack-access-token",
    "x-stack-allow-anonymous-user",
    "baggage",
    "sentry-trace",
    "x-vercel-protection-bypass",
    "ngrok-skip-browser-warning",
  ];

  function preflight(path: string, extra: Record<string, string> = {}) {
    return api(path, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-hexclave-project-id, x-stack-access-type, content-type",
        ...extra,
      },
    });
  }

  function list(response: ApiResponse, name: string): string[] {
    return (response.headers.get(name) ?? "").split(",").map((value) => value.trim().toLowerCase());
  }

  it("answers OPTIONS on an /api/v1 path with an empty 200", async () => {
    const response = await preflight("/api/v1/users/me");
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
  });

  it("sends allow-origin *, the allowed methods and max-age 86400", async () => {
    const response = await preflight("/api/v1/users/me");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(list(response, "access-control-allow-methods").sort()).toEqual(["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"].map((m) => m.toLowerCase()).sort());
    expect(response.headers.get("access-control-max-age")).toBe("86400");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("allows every header Stack Auth allows, and its x-hexclave- twin", async () => {
    const allowed = list(await preflight("/api/v1/users/me"), "access-control-allow-headers");
    for (const name of SDK_REQUEST_HEADERS) {
      expect(allowed).toContain(name);
      if (name.startsWith("x-stack-")) expect(allowed).toContain(name.replace("x-stack-", "x-hexclave-"));
    }
  });

  it("does not allow x-stack-allow-restricted-user (Stack Auth does not allow it either)", async () => {
    const allowed = list(await preflight("/api/v1/users/me"), "access-control-allow-headers");
    expect(allowed).not.toContain("x-stack-allow-restricted-user");
  });

  it("exposes content-type and both brands of actual-status and known-error", async () => {
    const exposed = list(await preflight("/api/v1/users/me"), "access-control-expose-headers");
    for (const name of ["content-type", "x-stack-actual-status", "x-hexclave-actual-status", "x-stack-known-error", "x-hexclave-known-error"]) {
      expect(exposed).toContain(name);
    }
  });

  it("never reaches auth: a preflight with an invalid access type and no project id is still 200", async () => {
    const response = await preflight("/api/v1/users", { "x-hexclave-access-type": "bogus", "x-stack-access-type": "bogus" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-stack-known-error")).toBeNull();
    expect(response.headers.get("x-hexclave-known-error")).toBeNull();
  });

  it("answers a preflight on an unknown /api path with 200 too", async () => {
    const response = await preflight("/api/v1/no-such-route");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("service endpoints", () => {
  it("GET /health answers {status: ok} with allow-origin *", async () => {
    const response = await api("/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("GET /api/v1/openapi.json is an OpenAPI document listing /users/me", async () => {
    const response = await api("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(["/users/me", "/users", "/auth/password/sign-up"]));
    expect(response.body.paths["/users/me"].get).toBeDefined();
  });
});
