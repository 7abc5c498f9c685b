import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
import { toServerTeamJson } from "../teams/team-json";
import { type UserRecord, getUserRecord } from "../users/user-record";
import { toServerUserJson } from "../users/user-json";
import { type WebhookEventType, emitWebhookEvent, webhookEventSteps } from "./events";

type TeamRow = Parameters<typeof toServerTeamJson>[0];

/** user.updated with the user as the change leaves it, read in the change's transaction. */
export async function emitUserUpdated(tx: Tx, tenancy: Tenancy, userId: string, record?: UserRecord | null): Promise<void> {
  const user = record ?? (await getUserRecord(tx, tenancy, userId));
  if (user) await emitWebhookEvent(tx, tenancy, "user.updated", toServerUserJson(user, tenancy.config));
}

export function emitTeamEvent(tx: Tx, tenancy: Tenancy, type: "team.created" | "team.updated", team: TeamRow): Promise<void> {
  return emitWebhookEvent(tx, tenancy, type, toServerTeamJson(team));
}

/**
 * The steps of user creation's single statement that write user.created and, for a personal team, team.created and
 * team_membership.created. They read the sign-up time from its `new_user` step: the user, its last activity and its
 * team all take the statement's now(), which only Postgres knows to the microsecond.
 */
export function userCreatedEventSteps(tenancy: Tenancy, user: UserRecord): SQL[] {
  const millis = sql`(select to_jsonb(floor(extract(epoch from signed_up_at) * 1000)::bigint) from new_user)`;
  const withTime = (value: unknown, paths: string[]) =>
    paths.reduce<SQL>((data, path) => sql`jsonb_set(${data}, ${`{${path}}`}::text[], ${millis})`, sql`${JSON.stringify(value)}::jsonb`);
  const team = user.selectedTeam;
  // As POST /users answers, and Stack Auth sends it: the user as it was before its personal team was made.
  const data = toServerUserJson({ ...user, selectedTeam: null }, tenancy.config);
  const events: { type: WebhookEventType; data: SQL }[] = [{ type: "user.created", data: withTime(data, ["signed_up_at_millis", "last_active_at_millis"]) }];
  if (team) {
    events.push({ type: "team.created", data: withTime(toServerTeamJson(team), ["created_at_millis"]) });
    events.push({ type: "team_membership.created", data: sql`${JSON.stringify({ team_id: team.id, user_id: user.row.id })}::jsonb` });
  }
  return webhookEventSteps(tenancy, events, "user_created");
}
