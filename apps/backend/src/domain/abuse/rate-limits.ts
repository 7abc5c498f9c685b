import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { rateLimitCounters } from "../../db/schema";

export type RateLimit = { limit: number; windowSeconds: number };

// Counts are kept per fixed window, but judged over a sliding one: the current window's count plus the previous
// window's, weighted by the share of it the sliding window still covers. A burst on both sides of a boundary is then
// counted whole, where fixed windows alone would let twice the limit through around it.
const currentStart = (windowSeconds: number) => sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
const previousStart = (windowSeconds: number) => sql`(${currentStart(windowSeconds)} - make_interval(secs => ${windowSeconds}))`;
const previousWeight = (windowSeconds: number) =>
  sql`(1 - (extract(epoch from now()) - floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}) / ${windowSeconds})`;
const previousCount = (bucket: string | null, windowSeconds: number) =>
  sql`coalesce((select count from ${rateLimitCounters} where bucket = ${bucket} and window_start = ${previousStart(windowSeconds)}), 0)`;

/** The bucket's count over the last `windowSeconds`, as a SQL expression (0 for a null bucket), for reads that fold it into their own statement. */
export function slidingCount(bucket: string | null, windowSeconds: number): SQL {
  const current = sql`coalesce((select count from ${rateLimitCounters} where bucket = ${bucket} and window_start = ${currentStart(windowSeconds)}), 0)`;
  return sql`(${current} + ${previousCount(bucket, windowSeconds)} * ${previousWeight(windowSeconds)})`;
}

/**
 * Counts one event in the bucket and says whether the count over the sliding window is within the limit. One
 * statement, so concurrent requests on any number of instances are counted exactly.
 */
export async function consumeRateLimit(db: Tx, bucket: string, { limit, windowSeconds }: RateLimit): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`
    with counted as (
      insert into ${rateLimitCounters} (bucket, window_start, count)
      values (${bucket}, ${currentStart(windowSeconds)}, 1)
      on conflict (bucket, window_start) do update set count = ${rateLimitCounters.count} + 1
      returning count)
    select (select count from counted) + ${previousCount(bucket, windowSeconds)} * ${previousWeight(windowSeconds)} as count`);
  const [row] = (result as unknown as { rows: { count: number }[] }).rows;
  return Number(row?.count ?? 0) <= limit;
}

/** Whether the bucket is already over the limit, without counting anything. */
export async function isRateLimited(db: Tx, bucket: string, { limit, windowSeconds }: RateLimit): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`select ${slidingCount(bucket, windowSeconds)} as count`);
  const [row] = (result as unknown as { rows: { count: number }[] }).rows;
  return Number(row?.count ?? 0) > limit;
}

/** Drops windows that ended long ago; called from the background step. */
export async function pruneRateLimitCounters(db: Tx): Promise<void> {
  await db.execute(sql`delete from ${rateLimitCounters} where window_start < now() - interval '1 day'`);
}
