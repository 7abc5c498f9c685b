import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices } from "../../testing/test-services";
import { consumeRateLimit, isRateLimited } from "./rate-limits";

let services: Awaited<ReturnType<typeof createTestServices>>;
let nowSeconds: number;

beforeAll(async () => {
  services = await createTestServices();
  const result = await services.db.execute(sql`select floor(extract(epoch from now()))::bigint as now`);
  nowSeconds = Number((result as unknown as { rows: { now: string }[] }).rows[0]!.now);
}, 60_000);
afterAll(() => services.close());

// Windows sized from the clock so that now falls where the test needs it: the previous window (the one starting at
// the epoch) is then almost wholly, or almost not at all, still inside the sliding window.
const justPastBoundary = () => nowSeconds - 5;
const nearWindowEnd = () => Math.floor((nowSeconds + 10) / 2);

async function seedPreviousWindow(bucket: string, count: number) {
  await services.db.execute(sql`insert into rate_limit_counters (bucket, window_start, count) values (${bucket}, to_timestamp(0), ${count})`);
}

describe("rate limits over a sliding window", () => {
  it("count a fresh bucket up to its limit, then refuse", async () => {
    const limit = { limit: 3, windowSeconds: 900 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(services.db, "fresh", limit));
    expect(results).toEqual([true, true, true, false]);
    expect(await isRateLimited(services.db, "fresh", limit)).toBe(true);
  });

  it("count the previous window in just after a boundary, so a burst across it is not let through twice", async () => {
    const limit = { limit: 5, windowSeconds: justPastBoundary() };
    await seedPreviousWindow("burst", 5);
    expect(await consumeRateLimit(services.db, "burst", limit)).toBe(false);
    expect(await isRateLimited(services.db, "burst", limit)).toBe(true);
  });

  it("let the previous window's count fade as the window slides past it", async () => {
    const limit = { limit: 5, windowSeconds: nearWindowEnd() };
    await seedPreviousWindow("faded", 5);
    expect(await isRateLimited(services.db, "faded", limit)).toBe(false);
    expect(await consumeRateLimit(services.db, "faded", limit)).toBe(true);
  });
});
