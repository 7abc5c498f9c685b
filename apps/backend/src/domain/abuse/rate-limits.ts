import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { rateLimitCounters } from "../../db/schema";

export type RateLimit = { limit: number; windowSeconds: number };

/**
 * Counts one event in the bucket's current window and says whether it is within the limit. One upsert, so concurrent
 * requests on any number of instances are counted exactly.
 */
export async function consumeRateLimit(db: Tx, bucket: string, { limit, windowSeconds }: RateLimit): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`
    insert into ${rateLimitCounters} (bucket, window_start, count)
    values (${bucket}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (bucket, window_start) do update set count = ${rateLimitCounters.count} + 1
    returning count`);
  const [row] = (result as unknown as { rows: { count: number }[] }).rows;
  return Number(row?.count ?? 0) <= limit;
}

/** Whether the bucket's current window is already over the limit, without counting anything. */
export async function isRateLimited(db: Tx, bucket: string, { limit, windowSeconds }: RateLimit): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`
    select count from ${rateLimitCounters}
    where bucket = ${bucket} and window_start = to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`);
  const [row] = (result as unknown as { rows: { count: number }[] }).rows;
  return Number(row?.count ?? 0) > limit;
}

/** Drops windows that ended long ago; called from the background step. */
export async function pruneRateLimitCounters(db: Tx): Promise<void> {
  await db.execute(sql`delete from ${rateLimitCounters} where window_start < now() - interval '1 day'`);
}
