import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { redirectLog } from "./lib/json-log";
import { createTestServices } from "./testing/test-services";

// LG-03: whatever a route throws, the client gets a generic 500 with the request id and nothing of the cause.

const MARKER = "INTERNAL-DETAIL-7f3a";
const SEED = 20_260_602;

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;
/** Database calls left before the next one throws; reset for every request. */
let callsBeforeFailure = Number.POSITIVE_INFINITY;
let failure: () => Error = () => new Error(MARKER);
let user: { id: string; accessToken: string; refreshToken: string };
let teamId: string;
const routes: { method: string; path: string }[] = [];

type Queryable = { query: (...args: any[]) => Promise<unknown>; transaction?: (run: (tx: Queryable) => Promise<unknown>) => Promise<unknown> };

/** Makes the n-th statement sent to PGlite throw, transactions included, wherever in the app it comes from. */
function failQueries(client: Queryable): void {
  const query = client.query.bind(client);
  client.query = (...args) => {
    if (callsBeforeFailure-- <= 0) return Promise.reject(failure());
    return query(...args);
  };
  const transaction = client.transaction?.bind(client);
  if (transaction) client.transaction = (run) => transaction((tx) => {
    failQueries(tx);
    return run(tx);
  });
}

beforeAll(async () => {
  services = await createTestServices();
  failQueries((services.db as unknown as { $client: Queryable }).$client);
  app = createApp(services);
  const signUp = await app.request("/api/v1/auth/password/sign-up", {
    method: "POST",
    headers: { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "content-type": "application/json" },
    body: JSON.stringify({ email: "errors@example.com", password: "long enough password" }),
  });
  const tokens = (await signUp.json()) as { user_id: string; access_token: string; refresh_token: string };
  user = { id: tokens.user_id, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
  const me = await app.request("/api/v1/users/me", { headers: { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": "ssk_unit", "x-hexclave-access-token": user.accessToken } });
  teamId = ((await me.json()) as { selected_team_id: string }).selected_team_id;
  routes.push(...app.routes.filter((route) => route.path.startsWith("/api/v1/") && route.method !== "ALL"));
}, 60_000);
afterAll(() => services.close());

const ids = () => ({ user_id: user.id, team_id: teamId, api_key_id: crypto.randomUUID(), session_id: crypto.randomUUID(), contact_channel_id: crypto.randomUUID(), id: crypto.randomUUID(), permission_id: "team_member", project_id: "internal" });

const headersArb = fc.constantFrom<Record<string, string>>(
  { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-access-token": "" },
  { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": "ssk_unit" },
  { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "admin", "x-hexclave-super-secret-admin-key": "sak_unit" },
  {},
);

const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.record({ email: fc.constant("errors@example.com"), password: fc.constant("long enough password") }),
  fc.record({ display_name: fc.string({ maxLength: 20 }) }),
  fc.record({ user_id: fc.constant("me"), description: fc.constant("fuzz"), expires_at_millis: fc.constant(null) }),
  fc.record({ code: fc.stringMatching(/^[a-z2-7]{45}$/) }),
  fc.record({ team_id: fc.constant("team"), email: fc.constant("x@example.com"), callback_url: fc.constant("http://localhost:3000/cb") }),
  fc.object({ maxDepth: 2 }),
);

const failureArb = fc.constantFrom<() => Error>(
  () => new Error(`${MARKER} at the database`),
  () => Object.assign(new Error(`insert or update violates foreign key constraint ${MARKER}`), { code: "23503", detail: `Key (user_id)=(${MARKER}) is not present.` }),
  () => new TypeError(`Cannot read properties of undefined (reading '${MARKER}')\r\n{"log":"security","event":"forged"}`),
);

describe("unexpected errors in any route", () => {
  it("answer a generic 500 with the request id, never the cause, its stack or a known-error code", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const logged: string[] = [];
    const restoreLog = redirectLog((line, isError) => {
      if (isError) logged.push(line);
    });
    let served500 = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.nat(routes.length - 1), headersArb, bodyArb, fc.nat(4), failureArb, fc.boolean(), async (index, headers, body, calls, fail, signedIn) => {
          const route = routes[index]!;
          const values = ids();
          const path = route.path.replace(/:([a-z_]+)/g, (_, name: string) => values[name as keyof typeof values] ?? crypto.randomUUID());
          const requestHeaders = { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) };
          if ("x-hexclave-access-token" in requestHeaders) requestHeaders["x-hexclave-access-token"] = signedIn ? user.accessToken : "";
          callsBeforeFailure = calls;
          failure = fail;
          const res = await app.request(path, { method: route.method, headers: requestHeaders, body: body === undefined || route.method === "GET" ? undefined : JSON.stringify(body) });
          callsBeforeFailure = Number.POSITIVE_INFINITY;
          const text = await res.text();
          expect(text).not.toContain(MARKER);
          expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
          if (res.status >= 500) {
            served500++;
            const requestId = res.headers.get("x-hexclave-request-id");
            expect([res.status, text, res.headers.get("x-hexclave-known-error")]).toEqual([500, `Something went wrong. Request ID: ${requestId}`, null]);
            expect(res.headers.get("content-type")).toContain("text/plain");
          }
        }),
        { numRuns: 400, seed: SEED },
      );
    } finally {
      callsBeforeFailure = Number.POSITIVE_INFINITY;
      restoreLog();
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    // The fuzz must actually reach the error handler, and every 500 is logged for operators.
    expect(served500).toBeGreaterThan(25);
    expect(logged.length).toBeGreaterThanOrEqual(served500);
  }, 120_000);
});
