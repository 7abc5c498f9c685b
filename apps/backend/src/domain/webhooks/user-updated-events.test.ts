import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEvents } from "../../db/schema";
import { inTenancy } from "../../db/tenant-scope";
import { createTestServices } from "../../testing/test-services";
import { setPassword, updatePassword } from "../auth/password-change";
import { deleteLinkedAccount, linkAccount, listUserAccounts, updateLinkedAccount } from "../oauth/linked-accounts";
import type { ProviderProfile } from "../oauth/presets";
import { resolveOAuthUser } from "../oauth/resolve-user";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { addTeamMember, removeTeamMember } from "../teams/memberships";
import { createTeam, deleteTeam } from "../teams/teams";
import { createUser } from "../users/create-user";
import { updateUser } from "../users/update-user";
import { getUserRecord } from "../users/user-record";
import { toServerUserJson } from "../users/user-json";

// The changes outside PATCH /users and contact channels that alter the server view of a user, and those that do not:
// which user.updated events each writes. Passkey registration needs a signed authenticator answer; the e2e suite has one.

let services: Awaited<ReturnType<typeof createTestServices>>;

beforeAll(async () => {
  services = await createTestServices();
  // A migrated in-memory database takes a while on a busy machine.
}, 60_000);
afterAll(async () => {
  await services.close();
});

const device = { ip: null, userAgent: null };

async function newTenancy(): Promise<Tenancy> {
  const project = await createProject(services.db, { display_name: "User events", owner_team_id: null });
  return (await services.projects.getTenancy(project.id))!;
}

/** The events written since `seen` of them were. */
async function eventsAfter(tenancy: Tenancy, seen: number) {
  const rows = await services.db.select().from(webhookEvents).where(inTenancy(tenancy, webhookEvents)).orderBy(webhookEvents.seq);
  return rows.slice(seen).map((row) => ({ type: row.type, data: row.data as Record<string, unknown> }));
}

const eventCount = async (tenancy: Tenancy) => (await eventsAfter(tenancy, 0)).length;

const serverView = async (tenancy: Tenancy, userId: string) => toServerUserJson((await getUserRecord(services.db, tenancy, userId))!, tenancy.config);

async function newUser(tenancy: Tenancy, email: string | null, extra: Parameters<typeof createUser>[2] = {}) {
  const { user } = await createUser(services.db, tenancy, { primaryEmail: email, primaryEmailVerified: email !== null, primaryEmailAuthEnabled: email !== null, ...extra });
  return user;
}

const profileOf = (email: string, accountId = `account-of-${email}`): ProviderProfile => ({ accountId, email, emailVerified: true, displayName: null, profileImageUrl: null });

function oauth(tenancy: Tenancy, profile: ProviderProfile, intent: { kind?: "authenticate" | "link"; userId?: string | null; providerConfigId?: string } = {}) {
  const flow = { kind: intent.kind ?? "authenticate", userId: intent.userId ?? null, providerConfigId: intent.providerConfigId ?? "github" } as const;
  return resolveOAuthUser(services.db, tenancy, flow, profile, async (_tx, outcome) => outcome);
}

describe("OAuth sign-in", () => {
  it("a sign-up sends user.created with its link and no user.updated; a later sign-in sends one only when the provider's email changed", async () => {
    const tenancy = await newTenancy();
    const { userId, isNewUser } = await oauth(tenancy, profileOf("octo@example.com", "octo"));
    expect(isNewUser).toBe(true);
    expect(await eventsAfter(tenancy, 0)).toEqual([
      { type: "user.created", data: expect.objectContaining({ id: userId, oauth_providers: [{ id: "github", account_id: "octo", email: "octo@example.com" }] }) },
    ]);

    await oauth(tenancy, profileOf("octo@example.com", "octo"));
    expect(await eventsAfter(tenancy, 1)).toEqual([]);

    await oauth(tenancy, profileOf("octo-renamed@example.com", "octo"));
    const view = await serverView(tenancy, userId);
    expect(view.oauth_providers).toEqual([{ id: "github", account_id: "octo", email: "octo-renamed@example.com" }]);
    expect(await eventsAfter(tenancy, 1)).toEqual([{ type: "user.updated", data: view }]);
  });

  it("linking to the signed-in user sends user.updated with the new link; linking it again sends nothing", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "linker@example.com");
    const seen = await eventCount(tenancy);
    const link = () => oauth(tenancy, profileOf("linker-gh@example.com"), { kind: "link", userId: user.row.id });
    await link();
    const view = await serverView(tenancy, user.row.id);
    expect(view.oauth_providers).toEqual([expect.objectContaining({ id: "github", email: "linker-gh@example.com" })]);
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: view }]);
    await link();
    expect(await eventsAfter(tenancy, seen)).toHaveLength(1);
  });

  it("a provider email that matches a verified sign-in address links it to that account, with user.updated", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "merged@example.com");
    const seen = await eventCount(tenancy);
    const outcome = await oauth(tenancy, profileOf("merged@example.com"));
    expect(outcome).toMatchObject({ userId: user.row.id, isNewUser: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: await serverView(tenancy, user.row.id) }]);
  });

  it("upgrading an anonymous user sends one user.updated that holds its email and its link", async () => {
    const tenancy = await newTenancy();
    const anonymous = await newUser(tenancy, null, { isAnonymous: true });
    const seen = await eventCount(tenancy);
    const outcome = await oauth(tenancy, profileOf("upgraded@example.com"), { userId: anonymous.row.id });
    expect(outcome).toMatchObject({ userId: anonymous.row.id, isNewUser: true });
    expect(outcome.oauthAccountId).toBe((await listUserAccounts(services.db, tenancy, anonymous.row.id))[0]!.id);
    const view = await serverView(tenancy, anonymous.row.id);
    expect(view).toMatchObject({ is_anonymous: false, primary_email: "upgraded@example.com", oauth_providers: [expect.objectContaining({ id: "github" })] });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: view }]);
  });
});

describe("/oauth-providers", () => {
  const link = { providerConfigId: "github", providerAccountId: "crud", email: "crud@example.com", allowSignIn: false, allowConnectedAccounts: true };

  it("linking and unlinking send user.updated; a change of flags, which the server view does not show, sends nothing", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "crud-owner@example.com");
    let seen = await eventCount(tenancy);

    const row = await linkAccount(services.db, tenancy, user.row.id, link);
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: await serverView(tenancy, user.row.id) }]);
    seen += 1;

    const flagged = await updateLinkedAccount(services.db, tenancy, row, { allowSignIn: true, allowConnectedAccounts: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([]);

    const renamed = await updateLinkedAccount(services.db, tenancy, flagged, { email: "crud-new@example.com" });
    expect(await eventsAfter(tenancy, seen)).toEqual([
      { type: "user.updated", data: expect.objectContaining({ oauth_providers: [{ id: "github", account_id: "crud", email: "crud-new@example.com" }] }) },
    ]);
    seen += 1;

    await deleteLinkedAccount(services.db, tenancy, renamed);
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: expect.objectContaining({ id: user.row.id, oauth_providers: [] }) }]);
    seen += 1;
    // Gone already: nothing changes, nothing is sent.
    await deleteLinkedAccount(services.db, tenancy, renamed);
    expect(await eventsAfter(tenancy, seen)).toEqual([]);
  });

  it("a refused link sends nothing", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "refused@example.com");
    await linkAccount(services.db, tenancy, user.row.id, link);
    const seen = await eventCount(tenancy);
    await expect(linkAccount(services.db, tenancy, user.row.id, link)).rejects.toMatchObject({ status: 400 });
    expect(await eventsAfter(tenancy, seen)).toEqual([]);
  });
});

describe("passwords", () => {
  it("setting a first password sends user.updated; changing it sends nothing", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "passwordless@example.com");
    const seen = await eventCount(tenancy);
    await setPassword(services.db, tenancy, user, { password: "a first password", device }, services.passwords);
    const view = await serverView(tenancy, user.row.id);
    expect(view).toMatchObject({ has_password: true, auth_with_email: true });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: view }]);

    await updatePassword(services.db, tenancy, user, { oldPassword: "a first password", newPassword: "a second password", device }, services.passwords);
    expect(await eventsAfter(tenancy, seen)).toHaveLength(1);
  });
});

describe("TOTP", () => {
  it("turning it on and off through a user update sends user.updated with requires_totp_mfa", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "totp@example.com");
    const seen = await eventCount(tenancy);
    await updateUser(services.db, tenancy, user.row.id, { totpSecret: "sealed-secret" }, device);
    await updateUser(services.db, tenancy, user.row.id, { totpSecret: null }, device);
    expect(await eventsAfter(tenancy, seen)).toEqual([
      { type: "user.updated", data: expect.objectContaining({ requires_totp_mfa: true }) },
      { type: "user.updated", data: expect.objectContaining({ requires_totp_mfa: false }) },
    ]);
  });
});

describe("selected team", () => {
  async function memberWhoSelected(tenancy: Tenancy, email: string, teamId: string) {
    const user = await newUser(tenancy, email);
    await services.db.transaction((tx) => addTeamMember(tx, tenancy, { teamId, userId: user.row.id }, "teamMember"));
    await updateUser(services.db, tenancy, user.row.id, { selectedTeamId: teamId }, device);
    return user.row.id;
  }

  it("removing a member whose selected team it was sends user.updated after team_membership.deleted; another member, only that", async () => {
    const tenancy = await newTenancy();
    const team = await createTeam(services.db, tenancy, { displayName: "Selected", creatorUserId: null });
    const selecting = await memberWhoSelected(tenancy, "selecting@example.com", team.id);
    const other = await newUser(tenancy, "other@example.com");
    await services.db.transaction((tx) => addTeamMember(tx, tenancy, { teamId: team.id, userId: other.row.id }, "teamMember"));
    const seen = await eventCount(tenancy);
    await services.db.transaction((tx) => removeTeamMember(tx, tenancy, { teamId: team.id, userId: selecting }));
    await services.db.transaction((tx) => removeTeamMember(tx, tenancy, { teamId: team.id, userId: other.row.id }));
    expect(await eventsAfter(tenancy, seen)).toEqual([
      { type: "team_membership.deleted", data: { team_id: team.id, user_id: selecting } },
      { type: "user.updated", data: await serverView(tenancy, selecting) },
      { type: "team_membership.deleted", data: { team_id: team.id, user_id: other.row.id } },
    ]);
    expect((await serverView(tenancy, selecting)).selected_team_id).toBeNull();
  });

  it("deleting a team sends user.updated, after team.deleted, for each user whose selected team it was", async () => {
    const tenancy = await newTenancy();
    const team = await createTeam(services.db, tenancy, { displayName: "Doomed", creatorUserId: null });
    const selecting = [await memberWhoSelected(tenancy, "first@example.com", team.id), await memberWhoSelected(tenancy, "second@example.com", team.id)];
    const seen = await eventCount(tenancy);
    await services.db.transaction((tx) => deleteTeam(tx, tenancy, team.id));
    const events = await eventsAfter(tenancy, seen);
    expect(events.map((event) => event.type)).toEqual(["team_membership.deleted", "team_membership.deleted", "team.deleted", "user.updated", "user.updated"]);
    expect(events.slice(3).map((event) => event.data)).toEqual([await serverView(tenancy, selecting[0]!), await serverView(tenancy, selecting[1]!)]);
    expect(events[3]!.data).toMatchObject({ selected_team_id: null, selected_team: null });
  });
});
