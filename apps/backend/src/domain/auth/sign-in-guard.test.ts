import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices } from "../../testing/test-services";
import type { Tenancy } from "../projects/tenancy";
import type { Tx } from "../../db/client";
import { clearSignInFailures, recordSignInFailure, requireSignInAllowed, typedCodeIdentifier } from "./sign-in-guard";

let services: Awaited<ReturnType<typeof createTestServices>>;
let tenancy: Tenancy;
const guard = { enabled: true, maxFailures: 3, maxFailuresPerClient: 5 };

beforeAll(async () => {
  services = await createTestServices();
  tenancy = (await services.projects.getTenancy("internal"))!;
});
afterAll(() => services.close());

const fail = (identifier: string, clientIp: string | null = null) => recordSignInFailure(services.db, tenancy, { identifier, clientIp }, guard);
const check = (identifier: string, clientIp: string | null = null) => requireSignInAllowed(services.db, tenancy, { identifier, clientIp }, guard);

describe("the sign-in guard", () => {
  it("allows attempts below the limit and pauses the identifier at it, with a retry time", async () => {
    await fail("ada@example.com");
    await fail("ada@example.com");
    await expect(check("ada@example.com")).resolves.toBeUndefined();
    await fail("ADA@example.com ");
    await expect(check("ada@example.com")).rejects.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS", details: { retry_after_seconds: 30 } });
  });

  it("doubles the pause with each further failure, up to fifteen minutes", async () => {
    for (let i = 0; i < 4; i++) await fail("grows@example.com");
    await expect(check("grows@example.com")).rejects.toMatchObject({ details: { retry_after_seconds: 60 } });
    for (let i = 0; i < 10; i++) await fail("grows@example.com");
    await expect(check("grows@example.com")).rejects.toMatchObject({ details: { retry_after_seconds: 900 } });
  });

  it("lifts the pause when it ends, and clears the count on a success", async () => {
    for (let i = 0; i < 3; i++) await fail("lifts@example.com");
    await services.db.execute(sql`update sign_in_failures set locked_until = now() - interval '1 second' where identifier = 'lifts@example.com'`);
    await expect(check("lifts@example.com")).resolves.toBeUndefined();
    await clearSignInFailures(services.db, tenancy, "Lifts@Example.com");
    await fail("lifts@example.com");
    await expect(check("lifts@example.com")).resolves.toBeUndefined();
  });

  it("stops password sign-in after 100 consecutive failures until a success elsewhere clears it", async () => {
    await services.db.execute(sql`
      insert into sign_in_failures (tenancy_id, identifier, failures) values (${tenancy.id}, 'hundred@example.com', 99)`);
    await fail("hundred@example.com");
    const result = await services.db.execute(sql`select locked_until > now() + interval '1 year' as held from sign_in_failures where identifier = 'hundred@example.com'`);
    expect((result as unknown as { rows: { held: boolean }[] }).rows[0]?.held).toBe(true);
    await expect(check("hundred@example.com")).rejects.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });
    await clearSignInFailures(services.db, tenancy, "hundred@example.com");
    await expect(check("hundred@example.com")).resolves.toBeUndefined();
  });

  it("pauses a client that fails across many identifiers, and no other client", async () => {
    for (let i = 0; i < 5; i++) await fail(`spray-${i}@example.com`, "203.0.113.9");
    await expect(check("fresh@example.com", "203.0.113.9")).rejects.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });
    await expect(check("fresh@example.com", "198.51.100.1")).resolves.toBeUndefined();
  });

  it("ends an email's count of wrong typed codes with its password count, whichever way the owner came in", async () => {
    for (let i = 0; i < 3; i++) await fail(typedCodeIdentifier("Both@Example.com"));
    for (let i = 0; i < 3; i++) await fail("both@example.com");
    await expect(check(typedCodeIdentifier("both@example.com"))).rejects.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });
    await clearSignInFailures(services.db, tenancy, "both@example.com");
    await expect(check(typedCodeIdentifier("both@example.com"))).resolves.toBeUndefined();
    await expect(check("both@example.com")).resolves.toBeUndefined();
  });
});

describe("the sign-in guard turned off", () => {
  const off = { ...guard, enabled: false };
  // Any use of the database fails the test: off, the guard costs no round trip at all.
  const untouchable = new Proxy({} as Tx, {
    get: (_, property) => {
      throw new Error(`the database was used (${String(property)})`);
    },
  });

  it("neither counts nor refuses, and does not touch the database", async () => {
    for (let i = 0; i < 5; i++) await recordSignInFailure(untouchable, tenancy, { identifier: "off@example.com", clientIp: "192.0.2.44" }, off);
    await expect(requireSignInAllowed(untouchable, tenancy, { identifier: "off@example.com", clientIp: "192.0.2.44" }, off)).resolves.toBeUndefined();
  });

  it("lets a paused identifier and client through while off, and pauses them again once back on", async () => {
    for (let i = 0; i < 5; i++) await fail(`held-${i}@example.com`, "192.0.2.45");
    for (let i = 0; i < 3; i++) await fail("held-0@example.com");
    const attempt = { identifier: "held-0@example.com", clientIp: "192.0.2.45" };
    await expect(requireSignInAllowed(services.db, tenancy, attempt, off)).resolves.toBeUndefined();
    await recordSignInFailure(services.db, tenancy, attempt, off);
    const result = await services.db.execute(sql`select failures from sign_in_failures where identifier = 'held-0@example.com'`);
    expect((result as unknown as { rows: { failures: number }[] }).rows[0]?.failures).toBe(4);
    await expect(requireSignInAllowed(services.db, tenancy, attempt, guard)).rejects.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });
  });
});
