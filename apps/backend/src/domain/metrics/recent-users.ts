import { desc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers } from "../../db/schema";
import type { Tenancy } from "../projects/tenancy";
import { listUsers } from "../users/list-users";
import { type UserRecord, selectUserRecordPage } from "../users/user-record";

/** How many users each of the dashboard's "recent" lists shows, as in Stack Auth's API. */
export const RECENT_USERS_LIMIT = 5;

/** The newest sign-ups, chosen as `GET /users?order_by=signed_up_at&desc=true` chooses them (restricted users left out). */
export async function listRecentlyRegisteredUsers(db: Tx, tenancy: Tenancy, options: { includeAnonymous: boolean }): Promise<UserRecord[]> {
  const page = await listUsers(db, tenancy, {
    limit: RECENT_USERS_LIMIT,
    desc: true,
    orderBy: "signed_up_at",
    includeAnonymous: options.includeAnonymous,
    includeRestricted: false,
    onlyAnonymous: false,
    restrictUnverified: tenancy.config.onboarding.requireEmailVerification,
  });
  return page.items;
}

/** The users seen most recently, restricted ones included. */
export async function listRecentlyActiveUsers(db: Tx, tenancy: Tenancy, options: { includeAnonymous: boolean }): Promise<UserRecord[]> {
  return await selectUserRecordPage(db, tenancy, {
    conditions: [options.includeAnonymous ? undefined : eq(projectUsers.isAnonymous, false)],
    ordering: [desc(projectUsers.lastActiveAt), desc(projectUsers.id)],
    limit: RECENT_USERS_LIMIT,
  });
}
