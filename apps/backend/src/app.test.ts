import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "./services";
import { createApp } from "./app";
import { redirectLog } from "./lib/json-log";
import { INTERNAL_SERVER_HEADERS, createTestServices } from "./testing/test-services";

let services: Services & { close: () => Promise<void> };
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  services = await createTestServices();
  app = createApp(services);
});
afterAll(() => services.close());

const signUp = (body: string, contentType = "application/json") =>
  app.request("/api/v1/auth/password/sign-up", {
    method: "POST",
    headers: { "x-stack-project-id": "internal", "x-stack-access-type": "client", "content-type": contentType },
    body,
  });

describe("the request pipeline", () => {
  it("answers known errors with the code in the body and both brands of header", async () => {
    const res = await app.request("/api/v1/users/me", { headers: { "x-hexclave-access-type": "client" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "ACCESS_TYPE_WITHOUT_PROJECT_ID", details: { request_type: "client" } });
    expect(res.headers.get("x-stack-known-error")).toBe("ACCESS_TYPE_WITHOUT_PROJECT_ID");
    expect(res.headers.get("x-hexclave-known-error")).toBe("ACCESS_TYPE_WITHOUT_PROJECT_ID");
    expect(res.headers.get("x-stack-request-id")).toBe(res.headers.get("x-hexclave-request-id"));
  });

  it("sends a 4xx as 200 with the actual status under the override header", async () => {
    const res = await app.request("/api/v1/users/me", {
      headers: { ...INTERNAL_SERVER_HEADERS, "x-stack-override-error-status": "true" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-stack-actual-status")).toBe("400");
    expect(res.headers.get("x-hexclave-actual-status")).toBe("400");
  });

  it("refuses a non-JSON media type on a JSON route with 415", async () => {
    const res = await signUp("email=a@b.co", "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect(((await res.json()) as { code: string }).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses malformed JSON, including a leading byte-order mark", async () => {
    for (const body of ['{"email":', "\uFEFF{}", "NaN", '{"a":1,}']) {
      const res = await signUp(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("BODY_PARSING_ERROR");
    }
  });

  it("refuses a body whose declared length is over the limit before reading it", async () => {
    const res = await app.request("/api/v1/auth/password/sign-up", {
      method: "POST",
      headers: { "x-stack-project-id": "internal", "x-stack-access-type": "client", "content-type": "application/json", "content-length": "1000000000" },
      body: "{}",
    });
    expect(res.status).toBe(413);
  });

  it("lists unknown properties in SCHEMA_ERROR", async () => {
    const res = await signUp(JSON.stringify({ email: "a@example.com", password: "12345678", role: "owner" }));
    const body = (await res.json()) as { code: string; details: { message: string } };
    expect(body.code).toBe("SCHEMA_ERROR");
    expect(body.details.message).toContain("body contains unknown properties: role");
  });

  it("answers an unknown API path with a plain-text 404", async () => {
    const res = await app.request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/plain");
  });

  it("serves an OpenAPI document generated from the route schemas", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/users/me", "/users/{user_id}", "/auth/password/sign-up"]));
  });
});

describe("health", () => {
  it("answers ok, and with ?db=1 checks the database too", async () => {
    expect(await (await app.request("/health")).json()).toEqual({ status: "ok" });
    expect(await (await app.request("/health?db=1")).json()).toEqual({ status: "ok" });
  });
});

describe("unexpected failures", () => {
  it("answer a generic 500 with the request id and nothing about the cause", async () => {
    const broken = await createTestServices();
    const brokenApp = createApp(broken);
    await broken.close();
    const errors: string[] = [];
    const restoreLog = redirectLog((line, isError) => {
      if (isError) errors.push(line);
    });
    try {
      const res = await brokenApp.request("/api/v1/projects/current", { headers: INTERNAL_SERVER_HEADERS });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(text).toBe(`Something went wrong. Request ID: ${res.headers.get("x-hexclave-request-id")}`);
      expect(res.headers.get("x-stack-known-error")).toBeNull();
      // The cause is logged for operators, under the same request id.
      expect(JSON.parse(errors[0]!)).toMatchObject({ log: "error", request_id: res.headers.get("x-hexclave-request-id"), route: "GET /api/v1/projects/current" });
      expect((await brokenApp.request("/health?db=1")).status).toBe(500);
    } finally {
      restoreLog();
    }
  });
});
