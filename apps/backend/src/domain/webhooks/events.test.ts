import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEvents } from "../../db/schema";
import { inTenancy } from "../../db/tenant-scope";
import { createTestServices } from "../../testing/test-services";
import { signInWithCode } from "../auth/otp";
import { resetPassword } from "../auth/password-reset";
import { createContactChannel, deleteContactChannel, listContactChannels, updateContactChannel } from "../contact-channels/contact-channels";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { addTeamMember } from "../teams/memberships";
import { createTeam, deleteTeam } from "../teams/teams";
import { createUser } from "../users/create-user";
import { deleteUser } from "../users/update-user";
import { getUserRecord } from "../users/user-record";
import { generateVerificationCode, insertVerificationCode } from "../verification/codes";
import { toServerUserJson } from "../users/user-json";
import { createEndpoint } from "./endpoints";
import { emitWebhookEvents } from "./events";

// Which events each change writes, and in what order; delivering them is webhooks.test.ts's.

let services: Awaited<ReturnType<typeof createTestServices>>;

beforeAll(async () => {
  services = await createTestServices({
    webhooks: { workerIntervalMs: 0, claimLeaseSeconds: 30, allowPrivateNetworks: true, retryScheduleSeconds: [1], svix: null },
  });
  // A migrated in-memory database takes a while on a busy machine.
}, 60_000);
afterAll(async () => {
  await services.close();
});

/** A project with an endpoint for every event, personal teams, and a project permission every new user gets. */
async function newTenancy(): Promise<Tenancy> {
  const project = await createProject(services.db, { display_name: "Events", owner_team_id: null });
  const tenancy = (await services.projects.getTenancy(project.id))!;
  await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: "http://127.0.0.1:9/hook" });
  const { rbac } = tenancy.config;
  return {
    ...tenancy,
    config: {
      ...tenancy.config,
      teams: { ...tenancy.config.teams, createPersonalTeamOnSignUp: true },
      rbac: {
        ...rbac,
        permissions: { ...rbac.permissions, reader: { scope: "project", containedPermissionIds: {} } },
        defaultPermissions: { ...rbac.defaultPermissions, signUp: { reader: true } },
      },
    },
  };
}

async function eventsOf(tenancy: Tenancy) {
  const rows = await services.db.select().from(webhookEvents).where(inTenancy(tenancy, webhookEvents)).orderBy(webhookEvents.seq);
  return rows.map((row) => ({ type: row.type, data: row.data as Record<string, unknown> }));
}

/** The events written since `seen` of them were. */
async function eventsAfter(tenancy: Tenancy, seen: number) {
  return (await eventsOf(tenancy)).slice(seen);
}

async function newUser(tenancy: Tenancy, email: string) {
  const { user } = await createUser(services.db, tenancy, { primaryEmail: email, primaryEmailAuthEnabled: true });
  return user;
}

describe("default permissions", () => {
  it("a new user's come after user.created and its personal team's membership", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "new@example.com");
    const teamId = user.selectedTeam!.id;
    const userId = user.row.id;
    expect(await eventsOf(tenancy)).toEqual([
      { type: "user.created", data: expect.objectContaining({ id: userId }) },
      { type: "team.created", data: expect.objectContaining({ id: teamId }) },
      { type: "team_membership.created", data: { team_id: teamId, user_id: userId } },
      { type: "team_permission.created", data: { id: "team_admin", team_id: teamId, user_id: userId } },
      { type: "project_permission.created", data: { id: "reader", user_id: userId } },
    ]);
  });

  it("a team's creator and a joining member get theirs after their membership's event", async () => {
    const tenancy = await newTenancy();
    const [creator, member] = [await newUser(tenancy, "creator@example.com"), await newUser(tenancy, "member@example.com")];
    const seen = (await eventsOf(tenancy)).length;
    const team = await createTeam(services.db, tenancy, { displayName: "Shared", creatorUserId: creator.row.id });
    await addTeamMember(services.db, tenancy, { teamId: team.id, userId: member.row.id }, "teamMember");
    const creatorOf = { team_id: team.id, user_id: creator.row.id };
    const memberOf = { team_id: team.id, user_id: member.row.id };
    expect(await eventsAfter(tenancy, seen)).toEqual([
      { type: "team.created", data: expect.objectContaining({ id: team.id }) },
      { type: "team_membership.created", data: creatorOf },
      { type: "team_permission.created", data: { id: "team_admin", ...creatorOf } },
      { type: "team_membership.created", data: memberOf },
      { type: "team_permission.created", data: { id: "team_member", ...memberOf } },
    ]);
  });
});

describe("cascades", () => {
  it("deleting a team sends team_membership.deleted for each member, in the order they joined, before team.deleted", async () => {
    const tenancy = await newTenancy();
    const users = [await newUser(tenancy, "a@example.com"), await newUser(tenancy, "b@example.com"), await newUser(tenancy, "c@example.com")];
    const team = await createTeam(services.db, tenancy, { displayName: "Doomed", creatorUserId: users[0]!.row.id });
    for (const user of users.slice(1)) await addTeamMember(services.db, tenancy, { teamId: team.id, userId: user.row.id }, "teamMember");
    const seen = (await eventsOf(tenancy)).length;
    await services.db.transaction((tx) => deleteTeam(tx, tenancy, team.id));
    expect(await eventsAfter(tenancy, seen)).toEqual([
      ...users.map((user) => ({ type: "team_membership.deleted", data: { team_id: team.id, user_id: user.row.id } })),
      { type: "team.deleted", data: { id: team.id } },
    ]);
  });

  it("deleting a user sends team_membership.deleted for each of its teams before user.deleted, and no permission events", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "leaving@example.com");
    const personalTeamId = user.selectedTeam!.id;
    const other = await createTeam(services.db, tenancy, { displayName: "Other", creatorUserId: null });
    await addTeamMember(services.db, tenancy, { teamId: other.id, userId: user.row.id }, "teamMember");
    const seen = (await eventsOf(tenancy)).length;
    expect(await deleteUser(services.db, tenancy, user.row.id)).toBe(true);
    const teams = [personalTeamId, other.id];
    expect(await eventsAfter(tenancy, seen)).toEqual([
      ...teams.map((teamId) => ({ type: "team_membership.deleted", data: { team_id: teamId, user_id: user.row.id } })),
      { type: "user.deleted", data: { id: user.row.id, teams: teams.map((id) => ({ id })) } },
    ]);
  });

  it("deleting a team or user that is gone sends nothing", async () => {
    const tenancy = await newTenancy();
    const team = await createTeam(services.db, tenancy, { displayName: "Once", creatorUserId: null });
    await services.db.transaction((tx) => deleteTeam(tx, tenancy, team.id));
    const seen = (await eventsOf(tenancy)).length;
    await services.db.transaction((tx) => deleteTeam(tx, tenancy, team.id));
    expect(await deleteUser(services.db, tenancy, "00000000-0000-4000-8000-000000000000")).toBe(false);
    expect(await eventsAfter(tenancy, seen)).toEqual([]);
  });
});

describe("contact channels", () => {
  const serverView = async (tenancy: Tenancy, userId: string) => toServerUserJson((await getUserRecord(services.db, tenancy, userId))!, tenancy.config);

  it("send user.updated, with the user as the server API answers it, only when the primary email or its flags change", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "primary@example.com");
    const userId = user.row.id;
    let seen = (await eventsOf(tenancy)).length;

    const second = await createContactChannel(services.db, tenancy, { userId, value: "second@example.com", usedForAuth: false, claimedByUser: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([]);

    const promoted = await updateContactChannel(services.db, tenancy, second, { isPrimary: true, claimedByUser: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: await serverView(tenancy, userId) }]);
    expect((await serverView(tenancy, userId)).primary_email).toBe("second@example.com");
    seen += 1;

    const verified = await updateContactChannel(services.db, tenancy, promoted, { isVerified: true, claimedByUser: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: expect.objectContaining({ primary_email_verified: true }) }]);
    seen += 1;

    // The same value again changes nothing.
    await updateContactChannel(services.db, tenancy, verified, { value: "second@example.com", isVerified: true, claimedByUser: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([]);

    await createContactChannel(services.db, tenancy, { userId, value: "third@example.com", usedForAuth: false, isPrimary: true, claimedByUser: false });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: expect.objectContaining({ primary_email: "third@example.com" }) }]);
    seen += 1;

    const channels = await listContactChannels(services.db, tenancy, { userId });
    await deleteContactChannel(services.db, tenancy, channels.find((channel) => !channel.isPrimary && channel.value === "primary@example.com")!);
    expect(await eventsAfter(tenancy, seen)).toEqual([]);
    await deleteContactChannel(services.db, tenancy, channels.find((channel) => channel.isPrimary)!);
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: await serverView(tenancy, userId) }]);
    expect((await serverView(tenancy, userId)).primary_email).toBeNull();
  });
});

describe("codes that prove an address", () => {
  const withOtp = (tenancy: Tenancy): Tenancy => ({
    ...tenancy,
    config: { ...tenancy.config, auth: { ...tenancy.config.auth, otp: { ...tenancy.config.auth.otp, allowSignIn: true } } },
  });
  const newCode = async (tenancy: Tenancy, type: "otp_sign_in" | "password_reset", data: Record<string, unknown>) => {
    const code = generateVerificationCode();
    await insertVerificationCode(services.db, tenancy, { type, code, data });
    return code;
  };

  it("a sign-in code sends user.updated when it changes the user (code sign-in turned on, address proven), not after", async () => {
    const tenancy = withOtp(await newTenancy());
    const user = await newUser(tenancy, "coded@example.com");
    const seen = (await eventsOf(tenancy)).length;
    const signIn = async () =>
      signInWithCode(services.db, tenancy, await newCode(tenancy, "otp_sign_in", { email: "coded@example.com" }), { accessTokens: services.accessTokens, currentUser: null });
    await signIn();
    const view = toServerUserJson((await getUserRecord(services.db, tenancy, user.row.id))!, tenancy.config);
    expect(view).toMatchObject({ otp_auth_enabled: true, primary_email_verified: true });
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: view }]);
    await signIn();
    expect(await eventsAfter(tenancy, seen)).toHaveLength(1);
  });

  it("a password reset sends user.updated when it gives the user its first password", async () => {
    const tenancy = await newTenancy();
    const user = await newUser(tenancy, "reset@example.com");
    const seen = (await eventsOf(tenancy)).length;
    const reset = async () => {
      const code = await newCode(tenancy, "password_reset", { user_id: user.row.id, email: "reset@example.com" });
      await resetPassword(services.db, tenancy, { code, password: "a new password", device: { ip: null, userAgent: null } }, services.passwords);
    };
    await reset();
    expect(await eventsAfter(tenancy, seen)).toEqual([{ type: "user.updated", data: expect.objectContaining({ has_password: true, primary_email_verified: true }) }]);
    await reset();
    expect(await eventsAfter(tenancy, seen)).toHaveLength(1);
  });
});

describe("emitWebhookEvents", () => {
  it("writes any number of events in one statement, in order, with a delivery each", async () => {
    const tenancy = await newTenancy();
    // More rows than a statement could hold as parameters of a VALUES list (65,535 / 5).
    const count = 14_000;
    await services.db.transaction((tx) =>
      emitWebhookEvents(
        tx,
        tenancy,
        Array.from({ length: count }, (_, i) => ({ type: "team.deleted" as const, data: { id: `team-${i}`, note: "it's \"quoted\", {braced}" } })),
      ),
    );
    const events = await eventsOf(tenancy);
    expect(events).toHaveLength(count);
    expect(events.map((event) => event.data.id)).toEqual(Array.from({ length: count }, (_, i) => `team-${i}`));
    expect(events[0]!.data.note).toBe("it's \"quoted\", {braced}");
    expect(await services.db.$count(webhookDeliveries, inTenancy(tenancy, webhookDeliveries))).toBe(count);
  });
});
