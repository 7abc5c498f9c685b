import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Services } from "./services";
import { createApp } from "./app";
import { redirectLog } from "./lib/json-log";
import { createChangeDetector } from "./testing/db-changes";
import { type FuzzBody, type FuzzRequest, type FuzzRoute, deeplyNestedBody, discoverRoutes, requestTo } from "./testing/fuzz-requests";
import { type SeededWorld, seedFuzzWorld } from "./testing/fuzz-world";
import { createTestServices } from "./testing/test-services";

// The password-reset route holds every answer for 2–3 s so its timing says nothing; the fuzz needs no such delay.
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

// CI runs the fixed seed; FUZZ_SEED and FUZZ_RUNS explore further by hand.
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_601);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 30);
const DEEP_RUNS_PER_ROUTE = 3;
// Refusals that are meant to write, by known-error code: a credential seen in a URL is revoked, and its owner told;
// a password reset spends its code before the password policy is checked (Stack Auth's order: a rejected password
// means asking for a new link).
const WRITES_ON_REFUSAL: Record<string, string[]> = {
  CREDENTIAL_IN_URL: ["project_api_keys", "sessions", "email_outbox"],
  PASSWORD_TOO_SHORT: ["verification_codes"],
};

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;
let world: SeededWorld;
let tablesChangedSinceLastCall: () => Promise<string[]>;
const loggedErrors: string[] = [];
let restoreLog: () => void;

// Tests are listed before any hook runs, so the route table comes from an app whose services are never called:
// building the routes and the OpenAPI document reads only the API URL.
const routes: FuzzRoute[] = await (async () => {
  const tableOnly = createApp({ config: { apiUrl: "http://localhost:8102" } } as Services);
  const doc = await (await tableOnly.request("/api/v1/openapi.json")).json();
  return discoverRoutes(tableOnly.routes, doc as Parameters<typeof discoverRoutes>[1]);
})();

beforeAll(async () => {
  // Every request logs security events, and a 500 its cause: the errors are kept for the failure message, the rest dropped.
  restoreLog = redirectLog((line, isError) => {
    if (isError) loggedErrors.push(line);
  });
  services = await createTestServices();
  app = createApp(services);
  world = await seedFuzzWorld(app, services.db);
  tablesChangedSinceLastCall = await createChangeDetector(services.db);
}, 60_000);
afterAll(async () => {
  restoreLog?.();
  await services?.close();
});

const describeRequest = (request: FuzzRequest) => {
  const body = request.body === undefined ? "" : typeof request.body === "string" ? request.body : `bytes ${Buffer.from(request.body).toString("hex")}`;
  return `${request.method} ${request.url}\nheaders: ${JSON.stringify(request.headers)}\nbody (${body.length} chars): ${body.slice(0, 300)}`;
};

/** Sends one request and checks both properties: no 5xx, and a refused request changes no row. */
async function checkRequest(request: FuzzRequest): Promise<{ status: number; code: string | null }> {
  loggedErrors.length = 0;
  const res = await app.request(request.url, { method: request.method, headers: request.headers, body: request.body });
  const text = await res.text();
  // The status override sends a 4xx as 200 and names the real status in a header.
  const status = Number(res.headers.get("x-hexclave-actual-status") ?? res.status);
  const code = res.headers.get("x-hexclave-known-error");
  const written = await tablesChangedSinceLastCall();
  const context = () => `${describeRequest(request)}\nanswer ${status}: ${text.slice(0, 300)}\nlogged: ${loggedErrors.map((line) => line.slice(0, 600)).join("")}`;
  if (status >= 500) throw new Error(`answered ${status}\n${context()}`);
  if (status >= 400) {
    const allowed = WRITES_ON_REFUSAL[code ?? ""] ?? [];
    const unexpected = written.filter((table) => !allowed.includes(table));
    if (unexpected.length > 0) throw new Error(`answered ${status} but changed ${unexpected.join(", ")}\n${context()}`);
  }
  if (status < 300 && request.method !== "GET") await repairWorld();
  return { status, code };
}

/** A fuzzed request may delete the signed-in user or the second project; later cases need them, so they are made again. */
async function repairWorld(): Promise<void> {
  try {
    await world.repair();
  } catch {
    // Best effort: fuzzed settings can make the repair impossible, which costs coverage but no property.
  } finally {
    // Also when the repair fails half-way, so its writes are not charged to the next request.
    await tablesChangedSinceLastCall();
  }
}

const label = (route: FuzzRoute) => `${route.method} ${route.path}`;

const ACCESS_REFUSALS = new Set(["ACCESS_TYPE_REQUIRED", "INSUFFICIENT_ACCESS_TYPE", "CURRENT_PROJECT_NOT_FOUND", "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN"]);
const admitted = new Map<FuzzRoute, string[]>();

/**
 * The identities a route lets through to its handler, found by asking it once with each (ids in the path name
 * nothing): clean cases use only these, so they test the handler rather than the access check. The probes are checked
 * like any other case.
 */
async function identitiesAdmittedBy(route: FuzzRoute): Promise<string[]> {
  let found = admitted.get(route);
  if (!found) {
    found = [];
    const path = route.path.replace(/:[A-Za-z0-9_]+/g, "00000000-0000-4000-8000-000000000000");
    for (const [identity, headers] of Object.entries(world.identities)) {
      const branded = Object.fromEntries(Object.entries(headers).map(([name, value]) => [`x-hexclave-${name}`, value]));
      const { code } = await checkRequest({ method: route.method, url: `http://localhost${path}`, headers: branded });
      if (!ACCESS_REFUSALS.has(code ?? "")) found.push(identity);
    }
    admitted.set(route, found);
  }
  return found.length > 0 ? found : Object.keys(world.identities);
}

const propertyOf = async (route: FuzzRoute, body?: fc.Arbitrary<FuzzBody>) =>
  fc.asyncProperty(requestTo(route, world, { body, cleanIdentities: await identitiesAdmittedBy(route) }), async (request) => {
    await checkRequest(request);
  });

describe("every route, fuzzed", () => {
  it("finds the routes of the app, including those outside the OpenAPI document", () => {
    expect(routes.map(label)).toEqual(expect.arrayContaining(["GET /health", "GET /api/v1/users/me", "POST /api/v1/integrations/credential-scanning/revoke"]));
  });

  it.each(routes.map((route) => [label(route), route] as const))("%s answers no 5xx and writes nothing when it refuses", { timeout: 60_000 }, async (_, route) => {
    await fc.assert(await propertyOf(route), { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true });
  });

  it.each(routes.map((route) => [label(route), route] as const))("%s takes JSON nested thousands of levels deep without a 5xx or a write", { timeout: 60_000 }, async (_, route) => {
    await fc.assert(await propertyOf(route, deeplyNestedBody(route, world)), { seed: SEED, numRuns: DEEP_RUNS_PER_ROUTE, endOnFailure: true });
  });
});
