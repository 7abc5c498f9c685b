import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import type { Services } from "../services";
import { isDatabaseUnavailable } from "../db/client";
import { redirectLog } from "../lib/json-log";
import { INTERNAL_SERVER_HEADERS, createTestServices } from "../testing/test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;

beforeAll(async () => {
  services = await createTestServices();
}, 60_000);
afterAll(() => services.close());

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

/** The app on services whose every database call fails the way `failure` says. */
function appWhoseDatabaseFails(failure: () => Error) {
  const db = new Proxy(services.db, {
    get: () => () => {
      throw failure();
    },
  });
  const projects = { get: async () => Promise.reject(failure()), getTenancy: async () => Promise.reject(failure()), invalidate: () => undefined };
  return createApp({ ...services, db, projects } as unknown as Services);
}

async function quietly<T>(run: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
  const logged: string[] = [];
  const restore = redirectLog((line) => logged.push(line));
  try {
    return { result: await run(), logged };
  } finally {
    restore();
  }
}

const signIn = async (app: ReturnType<typeof createApp>) =>
  app.request("/api/v1/auth/password/sign-in", {
    method: "POST",
    headers: { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "content-type": "application/json" },
    body: JSON.stringify({ email: "a@example.com", password: "whatever it is" }),
  });

// AB-07: rate limits and credentials live in the database; without it, credential routes fail closed.
describe("while the database cannot be reached", () => {
  it("refuses a sign-in with 503 and Retry-After, not a 500 or a guess", async () => {
    const { result: res, logged } = await quietly(() => signIn(appWhoseDatabaseFails(refused)));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(res.headers.get("x-hexclave-known-error")).toBeNull();
    expect(await res.text()).not.toMatch(/ECONNREFUSED|5432/);
    expect(logged.map((line) => JSON.parse(line))).toMatchObject([{ log: "error", message: "The database is unavailable", request_id: res.headers.get("x-hexclave-request-id") }]);
  });

  it("answers every project route alike, keys and all", async () => {
    const app = appWhoseDatabaseFails(() => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    const { result } = await quietly(async () => [
      await app.request("/api/v1/users", { headers: INTERNAL_SERVER_HEADERS }),
      await app.request("/api/v1/auth/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=refresh_token&refresh_token=x&client_id=internal&client_secret=__stack_public_client__",
      }),
    ]);
    expect(result.map((res) => [res.status, res.headers.get("retry-after")])).toEqual([
      [503, "5"],
      [503, "5"],
    ]);
  });

  it("keeps answering 500 for failures that are not an outage", async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = await signIn(appWhoseDatabaseFails(() => Object.assign(new Error("duplicate key value"), { code: "23505" })));
      expect(res.status).toBe(500);
    } finally {
      console.error = original;
    }
  });
});

describe("isDatabaseUnavailable", () => {
  it("knows connection failures by socket code, SQLSTATE or node-postgres message, through wrapping", () => {
    const outages = [
      refused(),
      Object.assign(new Error("x"), { code: "ECONNRESET" }),
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
      Object.assign(new Error("sorry, too many clients already"), { code: "53300" }),
      Object.assign(new Error("connection failure"), { code: "08006" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Failed query", { cause: refused() }),
    ];
    expect(outages.map(isDatabaseUnavailable)).toEqual(outages.map(() => true));
  });

  it("does not mistake a refused statement for an outage", () => {
    const failures = [
      Object.assign(new Error("duplicate key"), { code: "23505" }),
      Object.assign(new Error("syntax"), { code: "42601" }),
      new Error("PGlite is closed"),
      new TypeError("x is undefined"),
      null,
      "ECONNREFUSED",
    ];
    expect(failures.map(isDatabaseUnavailable)).toEqual(failures.map(() => false));
  });
});
