import { describe, expect, it } from "vitest";
import { patchProjectConfig, testEnv, uniqueEmail } from "../harness/rest";
import { INVITATION_CALLBACK, invitationCode } from "../rest/team-helpers";
import { ALL_SDKS, type StackSdk } from "./clients";
import { PASSWORD, createProjectThroughSdk } from "./sdk-project";

async function setUp(sdk: StackSdk) {
  const { project, keys } = await createProjectThroughSdk(sdk);
  await patchProjectConfig(
    { projectId: project.id, superSecretAdminKey: keys.superSecretAdminKey },
    { client_team_creation_enabled: true, allow_user_api_keys: true, allow_team_api_keys: true },
  );
  const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
  const signUp = async (email = uniqueEmail("member")) => {
    const app = new sdk.StackClientApp(options);
    expect((await app.signUpWithCredential({ email, password: PASSWORD, noVerificationCallback: true })).status).toBe("ok");
    return { app, user: await app.getUser({ or: "throw" }), email };
  };
  const server = new sdk.StackServerApp({ ...options, secretServerKey: keys.secretServerKey });
  const admin = new sdk.StackAdminApp({ ...options, secretServerKey: keys.secretServerKey, superSecretAdminKey: keys.superSecretAdminKey });
  return { signUp, server, admin };
}

describe.each(ALL_SDKS)("$name: teams, permissions and API keys", ({ sdk }) => {
  it("creates, lists and renames teams; invites a new and an existing user by email; profiles; leaving", async () => {
    const { signUp } = await setUp(sdk);
    const alice = await signUp();
    const team = await alice.user.createTeam({ displayName: "Acme" });
    expect(team.displayName).toBe("Acme");
    expect((await alice.user.listTeams()).map((t: { id: string }) => t.id)).toEqual([team.id]);
    await team.update({ displayName: "Acme Inc" });
    expect((await alice.user.getTeam(team.id))?.displayName).toBe("Acme Inc");

    // A new user: invited first, signs up with the invited address, then accepts.
    const bobEmail = uniqueEmail("bob");
    await team.inviteUser({ email: bobEmail, callbackUrl: INVITATION_CALLBACK });
    const bobCode = await invitationCode(bobEmail);
    const bob = await signUp(bobEmail);
    expect((await bob.app.acceptTeamInvitation(bobCode)).status).toBe("ok");
    // An existing user.
    const carol = await signUp();
    await team.inviteUser({ email: carol.email, callbackUrl: INVITATION_CALLBACK });
    expect((await carol.app.acceptTeamInvitation(await invitationCode(carol.email))).status).toBe("ok");
    const reused = await carol.app.acceptTeamInvitation(bobCode);
    expect(reused.status).toBe("error");

    const members = await team.listUsers();
    expect(members.map((m: { id: string }) => m.id).sort()).toEqual([alice.user.id, bob.user.id, carol.user.id].sort());

    const bobTeam = await bob.user.getTeam(team.id);
    const profile = await bob.user.getTeamProfile(bobTeam);
    await profile.update({ displayName: "Bob at Acme" });
    const bobAsMember = (await team.listUsers()).find((m: { id: string }) => m.id === bob.user.id);
    expect(bobAsMember.teamProfile.displayName).toBe("Bob at Acme");

    await carol.user.leaveTeam(await carol.user.getTeam(team.id));
    expect(await carol.user.listTeams()).toEqual([]);
    expect((await team.listUsers()).map((m: { id: string }) => m.id)).not.toContain(carol.user.id);
  });

  it("grants a nested permission and answers has/get/list, recursive and not", async () => {
    const { signUp, server, admin } = await setUp(sdk);
    await admin.createTeamPermissionDefinition({ id: "docs_read", description: "Read documents", containedPermissionIds: [] });
    await admin.createTeamPermissionDefinition({ id: "docs_write", containedPermissionIds: ["docs_read"] });
    await admin.createTeamPermissionDefinition({ id: "docs_owner", containedPermissionIds: ["docs_write"] });
    const owner = await signUp();
    const member = await signUp();
    const team = await owner.user.createTeam({ displayName: "Docs" });
    const serverTeam = await server.getTeam(team.id);
    await serverTeam.addUser(member.user.id);
    const serverMember = await server.getUser(member.user.id);
    await serverMember.grantPermission(serverTeam, "docs_owner");

    const memberTeam = await member.user.getTeam(team.id);
    expect(await member.user.hasPermission(memberTeam, "docs_read")).toBe(true);
    expect(await member.user.hasPermission(memberTeam, "$update_team")).toBe(false);
    expect((await member.user.getPermission(memberTeam, "docs_write"))?.id).toBe("docs_write");
    const direct = (await member.user.listPermissions(memberTeam, { recursive: false })).map((p: { id: string }) => p.id).sort();
    expect(direct).toEqual(["docs_owner", "team_member"]);
    const recursive = (await member.user.listPermissions(memberTeam, { recursive: true })).map((p: { id: string }) => p.id).sort();
    expect(recursive).toEqual(["$invite_members", "$read_members", "docs_owner", "docs_read", "docs_write", "team_member"]);

    await serverMember.revokePermission(serverTeam, "docs_owner");
    expect(await member.user.hasPermission(memberTeam, "docs_read")).toBe(false);
  });

  it("creates user and team API keys, identifies their owners with them, and stops after a revoke", async () => {
    const { signUp, server } = await setUp(sdk);
    const alice = await signUp();
    const userKey = await alice.user.createApiKey({ description: "laptop", expiresAt: null });
    expect(userKey.value).toMatch(/^sk_/);
    expect((await server.getUser({ apiKey: userKey.value }))?.id).toBe(alice.user.id);
    const listed = await alice.user.listApiKeys();
    expect(listed.map((k: { id: string }) => k.id)).toEqual([userKey.id]);
    expect(listed[0].value.lastFour).toBe(userKey.value.slice(-4));

    const team = await alice.user.createTeam({ displayName: "Keys" });
    const teamKey = await team.createApiKey({ description: "ci", expiresAt: new Date(Date.now() + 3600_000) });
    expect((await server.getTeam({ apiKey: teamKey.value }))?.id).toBe(team.id);
    expect(await server.getUser({ apiKey: teamKey.value })).toBeNull();

    await listed[0].revoke();
    expect(await server.getUser({ apiKey: userKey.value })).toBeNull();
    const [revoked] = await alice.user.listApiKeys();
    expect(revoked.isValid()).toBe(false);
    expect(revoked.whyInvalid()).toBe("manually-revoked");
  });
});
