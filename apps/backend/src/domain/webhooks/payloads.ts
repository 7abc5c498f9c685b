import { type SQL, asc, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers } from "../../db/schema";
import type { Tenancy } from "../projects/tenancy";
import { toServerTeamJson } from "../teams/team-json";
import { type UserRecord, getUserRecord, selectUserRecords } from "../users/user-record";
import { toServerUserJson } from "../users/user-json";
import { type WebhookEventType, emitWebhookEvent, webhookEventSteps } from "./events";

type TeamRow = Parameters<typeof toServerTeamJson>[0];

/** user.updated with the user as the change leaves it, read in the change's transaction. */
export async function emitUserUpdated(tx: Tx, tenancy: Tenancy, userId: string, record?: UserRecord | null): Promise<void> {
  const user = record ?? (await getUserRecord(tx, tenancy, userId));
  if (user) await emitWebhookEvent(tx, tenancy, "user.updated", toServerUserJson(user, tenancy.config));
}

/**
 * Runs a change that may or may not alter what the server API answers for the user (a contact channel that is not the
 * primary email, a sign-in that proves an address already proven), and sends user.updated when it did.
 */
export async function withUserUpdatedEvent<T>(tx: Tx, tenancy: Tenancy, userId: string, change: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await changeUserWithUpdatedEvent(tx, tenancy, userId, async () => {
    result = await change();
    return true;
  });
  return result as T;
}

/**
 * The same for a change that knows from the user as it was whether it has anything to write (`change` answers whether
 * it wrote): one that writes nothing costs one read. Resolves to the user as the change left it.
 */
export async function changeUserWithUpdatedEvent(
  tx: Tx,
  tenancy: Tenancy,
  userId: string,
  change: (before: UserRecord | null) => Promise<boolean>,
): Promise<UserRecord | null> {
  const before = await getUserRecord(tx, tenancy, userId);
  if (!(await change(before))) return before;
  const after = await getUserRecord(tx, tenancy, userId);
  const json = (record: UserRecord | null) => record && JSON.stringify(toServerUserJson(record, tenancy.config));
  if (after && json(before) !== json(after)) await emitWebhookEvent(tx, tenancy, "user.updated", toServerUserJson(after, tenancy.config));
  return after;
}

/** user.updated for each of several users a change touched at once, read in one statement. */
export async function userUpdatedEvents(tx: Tx, tenancy: Tenancy, userIds: string[]): Promise<{ type: "user.updated"; data: unknown }[]> {
  if (userIds.length === 0) return [];
  const records = await selectUserRecords(tx, tenancy, inArray(projectUsers.id, userIds)).orderBy(asc(projectUsers.signedUpAt), asc(projectUsers.id));
  return records.map((record) => ({ type: "user.updated", data: toServerUserJson(record, tenancy.config) }));
}

export function emitTeamEvent(tx: Tx, tenancy: Tenancy, type: "team.created" | "team.updated", team: TeamRow): Promise<void> {
  return emitWebhookEvent(tx, tenancy, type, toServerTeamJson(team));
}

/** The permissions user creation grants by default: to every new user, and to its personal team's creator. */
export type DefaultGrants = { project: string[]; team: string[] };

/**
 * The steps of user creation's single statement that write user.created and, for a personal team, team.created,
 * team_membership.created, then one permission event per default grant. They read the sign-up time from its
 * `new_user` step: the user, its last activity and its team all take the statement's now(), which only Postgres knows
 * to the microsecond.
 */
export function userCreatedEventSteps(tenancy: Tenancy, user: UserRecord, grants: DefaultGrants): SQL[] {
  const millis = sql`(select to_jsonb(floor(extract(epoch from signed_up_at) * 1000)::bigint) from new_user)`;
  const withTime = (value: unknown, paths: string[]) =>
    paths.reduce<SQL>((data, path) => sql`jsonb_set(${data}, ${`{${path}}`}::text[], ${millis})`, sql`${JSON.stringify(value)}::jsonb`);
  const plain = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
  const team = user.selectedTeam;
  const userId = user.row.id;
  // As POST /users answers, and Stack Auth sends it: the user as it was before its personal team was made.
  const data = toServerUserJson({ ...user, selectedTeam: null }, tenancy.config);
  const events: { type: WebhookEventType; data: SQL }[] = [{ type: "user.created", data: withTime(data, ["signed_up_at_millis", "last_active_at_millis"]) }];
  if (team) {
    events.push({ type: "team.created", data: withTime(toServerTeamJson(team), ["created_at_millis"]) });
    events.push({ type: "team_membership.created", data: plain({ team_id: team.id, user_id: userId }) });
    for (const id of grants.team) events.push({ type: "team_permission.created", data: plain({ id, team_id: team.id, user_id: userId }) });
  }
  for (const id of grants.project) events.push({ type: "project_permission.created", data: plain({ id, user_id: userId }) });
  return webhookEventSteps(tenancy, events, "user_created");
}
