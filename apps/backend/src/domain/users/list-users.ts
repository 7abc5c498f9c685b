import { type SQL, and, asc, desc, eq, exists, ilike, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels, projectUsers, teamMembers } from "../../db/schema";
import { UUID_PATTERN } from "../../lib/zod";
import { type UserRecord, selectUserRecordPage, selectUserRecords } from "./user-record";
import { type TenancyRef, inTenancy } from "../../db/tenant-scope";

export type ListUsersOptions = {
  teamId?: string;
  limit?: number;
  cursor?: string;
  desc?: boolean;
  orderBy?: "signed_up_at" | "last_active_at";
  query?: string;
  includeRestricted: boolean;
  includeAnonymous: boolean;
  onlyAnonymous: boolean;
  /** The project restricts users until they verify their email: such users are restricted ones. */
  restrictUnverified?: boolean;
};

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

function hasVerifiedPrimaryEmail(db: Tx, tenancy: TenancyRef): SQL {
  const verified = db
    .select({ one: sql`1` })
    .from(contactChannels)
    .where(
      inTenancy(
        tenancy,
        contactChannels,
        eq(contactChannels.userId, projectUsers.id),
        eq(contactChannels.isPrimary, true),
        eq(contactChannels.type, "email"),
        eq(contactChannels.isVerified, true),
      ),
    );
  return exists(verified);
}

/** A page of users ordered by sign-up (or last-active) time; the cursor is the id of the first user of the next page. */
export async function listUsers(db: Tx, tenancy: TenancyRef, options: ListUsersOptions): Promise<{ items: UserRecord[]; nextCursor: string | null }> {
  const orderColumn = options.orderBy === "last_active_at" ? projectUsers.lastActiveAt : projectUsers.signedUpAt;
  const filters: (SQL | undefined)[] = [];
  if (options.onlyAnonymous) filters.push(eq(projectUsers.isAnonymous, true));
  else if (!options.includeAnonymous) filters.push(eq(projectUsers.isAnonymous, false));
  if (!options.includeRestricted && !options.includeAnonymous) {
    filters.push(eq(projectUsers.restrictedByAdmin, false));
    if (options.restrictUnverified) filters.push(hasVerifiedPrimaryEmail(db, tenancy));
  }
  if (options.teamId) {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(teamMembers)
          .where(inTenancy(tenancy, teamMembers, eq(teamMembers.teamId, options.teamId), eq(teamMembers.userId, projectUsers.id))),
      ),
    );
  }
  if (options.query) {
    const pattern = `%${escapeLike(options.query)}%`;
    filters.push(
      or(
        UUID_PATTERN.test(options.query) ? eq(projectUsers.id, options.query.toLowerCase()) : undefined,
        ilike(projectUsers.displayName, pattern),
        exists(
          db
            .select({ one: sql`1` })
            .from(contactChannels)
            .where(inTenancy(tenancy, contactChannels, eq(contactChannels.userId, projectUsers.id), ilike(contactChannels.value, pattern))),
        ),
      ),
    );
  }
  if (options.cursor) {
    // Compared in SQL, because a JS Date would drop the microseconds Postgres keeps.
    const op = options.desc ? sql`<=` : sql`>=`;
    const column = sql.raw(orderColumn === projectUsers.signedUpAt ? "signed_up_at" : "last_active_at");
    filters.push(
      sql`(${orderColumn}, ${projectUsers.id}) ${op} (select p.${column}, p.id from project_users p where p.id = ${options.cursor} and p.tenancy_id = ${tenancy.id})`,
    );
  }
  const order = options.desc ? desc : asc;
  const ordering = [order(orderColumn), order(projectUsers.id)];
  const rows =
    options.limit === undefined
      ? await selectUserRecords(db, tenancy, ...filters).orderBy(...ordering)
      : await selectUserRecordPage(db, tenancy, { conditions: filters, ordering, limit: options.limit + 1 });
  if (options.limit === undefined || rows.length <= options.limit) return { items: rows, nextCursor: null };
  return { items: rows.slice(0, options.limit), nextCursor: rows[options.limit]!.row.id };
}
