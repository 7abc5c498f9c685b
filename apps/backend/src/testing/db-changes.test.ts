import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChangeDetector } from "./db-changes";
import { createTestServices } from "./test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;
let changedTables: () => Promise<string[]>;

beforeAll(async () => {
  services = await createTestServices();
  changedTables = await createChangeDetector(services.db);
});
afterAll(() => services.close());

const tenancyId = async () => ((await services.db.execute(sql`select id from tenancies limit 1`)) as unknown as { rows: { id: string }[] }).rows[0]!.id;

describe("the change detector", () => {
  it("reports nothing after reads", async () => {
    await services.db.execute(sql`select * from projects`);
    expect(await changedTables()).toEqual([]);
  });

  it("reports the table of an inserted, updated or deleted row", async () => {
    await services.db.execute(sql`insert into projects (id, display_name) values ('digest-probe', 'Probe')`);
    expect(await changedTables()).toEqual(["projects"]);
    await services.db.execute(sql`update projects set display_name = 'Probe 2' where id = 'digest-probe'`);
    expect(await changedTables()).toEqual(["projects"]);
    await services.db.execute(sql`delete from projects where id = 'digest-probe'`);
    expect(await changedTables()).toEqual(["projects"]);
  });

  it("reports nothing for a transaction that was rolled back, nor for an update that changes no value", async () => {
    await services.db
      .transaction(async (tx) => {
        await tx.execute(sql`update projects set display_name = 'Rolled back'`);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await changedTables()).toEqual([]);
    await services.db.execute(sql`update projects set display_name = display_name`);
    expect(await changedTables()).toEqual([]);
  });

  it("ignores the abuse counters that refused requests are meant to move", async () => {
    const id = await tenancyId();
    await services.db.execute(sql`
      insert into verification_codes (tenancy_id, type, code_hash, nonce_hash, data, expires_at)
      values (${id}, 'otp_sign_in', 'probe-code', 'probe-nonce', '{}', now() + interval '1 hour')`);
    expect(await changedTables()).toEqual(["verification_codes"]);
    await services.db.execute(sql`update verification_codes set attempts = attempts + 1 where code_hash = 'probe-code'`);
    await services.db.execute(sql`insert into rate_limit_counters (bucket, window_start, count) values ('probe', now(), 1)`);
    expect(await changedTables()).toEqual([]);
  });
});
