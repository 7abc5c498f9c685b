import { and, eq } from "drizzle-orm";
import type { createApp } from "../app";
import type { Database } from "../db/client";
import { emailOutbox, projectUsers, projects, sessions, teamMembers } from "../db/schema";
import type { FuzzWorld } from "./fuzz-values";

type App = ReturnType<typeof createApp>;
export type SeededWorld = FuzzWorld & {
  /** Restores the signed-in user and the second project if fuzzed requests deleted them. */
  repair(): Promise<void>;
};

const CLIENT = { "project-id": "internal", "access-type": "client", "publishable-client-key": "pck_unit" };
const SERVER = { "project-id": "internal", "access-type": "server", "secret-server-key": "ssk_unit" };
const ADMIN = { "project-id": "internal", "access-type": "admin", "super-secret-admin-key": "sak_unit" };
const EMAIL = "fuzz-owner@example.com";
const PASSWORD = "fuzz-password-1";
const CALLBACK_URL = "http://localhost:3000/handler";

const withBrand = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [`x-hexclave-${name}`, value]));

async function call<T>(app: App, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { ...withBrand(headers), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`Seeding the fuzz world: ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

type Tokens = { access_token: string; refresh_token: string };

/** The session behind an access token, from the token's own claims. */
function sessionIdOf(tokens: Tokens): string {
  const claims = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString()) as { refresh_token_id: string };
  return claims.refresh_token_id;
}
type Owner = Tokens & { userId: string; teamId: string };

/**
 * A user of the internal project with its personal team, signed in. Created by the server, so sign-up settings do not
 * matter. Users made again after the fuzz began get no password and a verified email: fuzzed requests may have
 * switched password sign-in off, or required verified emails.
 */
async function createOwner(app: App, email: string, options: { password?: string; verified?: boolean }): Promise<Owner> {
  const { password, verified } = options;
  const user = await call<{ id: string }>(app, "POST", "/users", SERVER, {
    primary_email: email,
    primary_email_auth_enabled: true,
    ...(password ? { password } : {}),
    ...(verified ? { primary_email_verified: true } : {}),
  });
  const tokens = await call<Tokens>(app, "POST", "/auth/sessions", SERVER, { user_id: user.id });
  // A fuzzed request may have switched personal teams off: then the user gets one made for it.
  const [personal] = (await call<{ items: { id: string }[] }>(app, "GET", `/teams?user_id=${user.id}`, SERVER)).items;
  const team = personal ?? (await call<{ id: string }>(app, "POST", "/teams", SERVER, { display_name: "Fuzz team", creator_user_id: user.id }));
  return { ...tokens, userId: user.id, teamId: team.id };
}

const createProject = (app: App, owner: Owner) =>
  call<{ id: string }>(app, "POST", "/internal/projects", { ...CLIENT, "access-token": owner.access_token, "allow-restricted-user": "true" }, { display_name: "Fuzz", owner_team_id: owner.teamId });

/**
 * Real one-time codes (sign-in, password reset, email verification, team invitation), read from the emails that carry
 * them, so the routes that take a code get past "not found" sometimes.
 */
async function mailCodes(app: App, db: Database, owner: Owner): Promise<string[]> {
  await call(app, "PATCH", "/internal/projects/current", ADMIN, { config: { magic_link_enabled: true } });
  const signedIn = { ...CLIENT, "access-token": owner.access_token };
  await call(app, "POST", "/auth/otp/send-sign-in-code", CLIENT, { email: "fuzz-otp@example.com", callback_url: CALLBACK_URL });
  await call(app, "POST", "/auth/password/send-reset-code", CLIENT, { email: EMAIL, callback_url: CALLBACK_URL });
  await call(app, "POST", "/contact-channels/send-verification-code", signedIn, { email: EMAIL, callback_url: CALLBACK_URL });
  await call(app, "POST", "/team-invitations/send-code", SERVER, { team_id: owner.teamId, email: "fuzz-invitee@example.com", callback_url: CALLBACK_URL });
  const mails = await db.select({ text: emailOutbox.text }).from(emailOutbox);
  const codes = mails.flatMap((mail) => [...mail.text.matchAll(/code=([a-z2-7]{45})/gi)].map((match) => match[1]!));
  if (codes.length < 4) throw new Error(`Seeding the fuzz world: expected four mailed codes, found ${codes.length}.`);
  return [...new Set(codes)];
}

/**
 * A signed-in internal user with a personal team, a second user, a second project the first one manages, API keys,
 * sessions, mailed codes and an invitation: the ids that fuzzed requests name, and a header set for every access type.
 */
export async function seedFuzzWorld(app: App, db: Database): Promise<SeededWorld> {
  let owner = await createOwner(app, EMAIL, { password: PASSWORD });
  let project = await createProject(app, owner);
  const other = await call<{ id: string }>(app, "POST", "/users", SERVER, { primary_email: "fuzz-other@example.com", display_name: "Other" });
  await call(app, "PATCH", "/internal/projects/current", ADMIN, { config: { allow_user_api_keys: true, allow_team_api_keys: true } });
  const keySet = await call<{ id: string }>(app, "POST", "/internal/api-keys", ADMIN, {
    description: "fuzz",
    expires_at_millis: Date.now() + 86_400_000,
    has_publishable_client_key: true,
    has_secret_server_key: false,
    has_super_secret_admin_key: false,
  });
  const userKey = await call<{ id: string; value: string }>(app, "POST", "/user-api-keys", SERVER, { user_id: owner.userId, description: "fuzz", expires_at_millis: null });
  const teamKey = await call<{ id: string; value: string }>(app, "POST", "/team-api-keys", SERVER, { team_id: owner.teamId, description: "fuzz", expires_at_millis: null });
  const [channel] = (await call<{ items: { id: string }[] }>(app, "GET", `/contact-channels?user_id=${owner.userId}`, SERVER)).items;
  // A session of the second user, given away by the fuzz in URLs (and so revoked) without costing the owner theirs.
  const leaked = await call<Tokens>(app, "POST", "/auth/sessions", SERVER, { user_id: other.id });
  const anonymous = await call<Tokens>(app, "POST", "/auth/anonymous/sign-up", CLIENT, {});
  const codes = await mailCodes(app, db, owner);

  const emails = await db.select({ id: emailOutbox.id }).from(emailOutbox);
  const [invitation] = (await call<{ items: { id: string }[] }>(app, "GET", `/team-invitations?team_id=${owner.teamId}`, SERVER)).items;

  const identities: Record<string, Record<string, string>> = {};
  const ids: Record<string, string[]> = {};
  const refreshIdentities = () => {
    Object.assign(identities, {
      none: {},
      client: CLIENT,
      "client-user": { ...CLIENT, "access-token": owner.access_token, "refresh-token": owner.refresh_token },
      "client-refresh": { ...CLIENT, "refresh-token": owner.refresh_token },
      server: SERVER,
      "server-user": { ...SERVER, "access-token": owner.access_token },
      admin: ADMIN,
      "admin-token": { "project-id": project.id, "access-type": "admin", "admin-access-token": owner.access_token },
      "client-other-project": { "project-id": project.id, "access-type": "client" },
      "client-anonymous": { ...CLIENT, "access-token": anonymous.access_token, "allow-anonymous-user": "true" },
    });
    Object.assign(ids, {
      user_id: [owner.userId, other.id],
      team_id: [owner.teamId],
      project_id: ["internal", project.id],
      api_key_id: [keySet.id, userKey.id, teamKey.id],
      contact_channel_id: channel ? [channel.id] : [],
      session_id: [sessionIdOf(owner), sessionIdOf(leaked)],
      permission_id: ["team_admin", "team_member", "$read_members", "$update_team"],
      id: [...emails.map((email) => email.id), ...(invitation ? [invitation.id] : [])],
    });
  };
  refreshIdentities();

  const missing = async () => {
    const [user] = await db.select({ id: projectUsers.id }).from(projectUsers).where(eq(projectUsers.id, owner.userId));
    const [member] = await db.select({ id: teamMembers.userId }).from(teamMembers).where(and(eq(teamMembers.userId, owner.userId), eq(teamMembers.teamId, owner.teamId)));
    const [session] = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, sessionIdOf(owner)));
    const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, project.id));
    return { owner: !user || !member, session: !session, project: !row };
  };
  return {
    identities,
    ids,
    leakableSecrets: [leaked.refresh_token, userKey.value, teamKey.value],
    email: EMAIL,
    password: PASSWORD,
    codes,
    async repair() {
      // Read straight from the tables: a request would be one more thing that could write.
      const gone = await missing();
      if (gone.owner) owner = await createOwner(app, `fuzz-owner-${Date.now()}@example.com`, { verified: true });
      else if (gone.session) owner = { ...owner, ...(await call<Tokens>(app, "POST", "/auth/sessions", SERVER, { user_id: owner.userId })) };
      if (gone.owner || gone.project) project = await createProject(app, owner);
      if (gone.owner || gone.session || gone.project) refreshIdentities();
    },
  };
}
