import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { ALL_SDKS } from "../sdk/clients";
import { type WebhookDeployment, apiOf, startReceiver, waitFor, webhookDeployment } from "./deployment";

// Every event of the catalog, caused through each SDK's server app (the published ones and ours) as an app's backend
// would, and received as an app syncing its database receives them: once each, in order, with the server API's payloads.

let deployment: WebhookDeployment;
let backend: BackendProcess;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof apiOf>;
const publishableClientKey = `pck_${randomBytes(20).toString("hex")}`;

beforeAll(async () => {
  deployment = await webhookDeployment({ ...responseCheckEnv(testEnv()), STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: publishableClientKey });
  backend = await deployment.start();
  api = apiOf(backend.url, deployment.keys);
  receiver = await startReceiver();
  const endpoint = await api<{ secret: string }>("POST", "/internal/webhooks/endpoints", { url: receiver.url }, "admin");
  expect(endpoint.status).toBe(201);
  receiver.state.secrets.push(endpoint.body.secret);
  // Every new user gets sdk_reader; sdk_writer is granted and revoked through the SDK.
  for (const id of ["sdk_reader", "sdk_writer"]) expect((await api("POST", "/project-permission-definitions", { id }, "admin")).status).toBe(201);
  const config = await api("PATCH", "/internal/projects/current", { config: { user_default_permissions: [{ id: "sdk_reader" }] } }, "admin");
  expect(config.status).toBe(200);
});
afterAll(async () => {
  await backend?.stop();
  await receiver?.close();
  await deployment?.drop();
});

/** How many received events the tests have looked at. */
let seen = 0;

/** The next `n` events, as type and data. */
async function nextEvents(n: number) {
  await waitFor(() => receiver.state.received.length >= seen + n, 10_000, `${n} webhook(s)`);
  const events = receiver.state.received.slice(seen, seen + n);
  seen += n;
  return events.map(({ type, data }) => ({ type, data }));
}

const serverUser = async (id: string) => (await api<Record<string, unknown> & { selected_team_id: string }>("GET", `/users/${id}`)).body;
const serverTeam = async (id: string) => (await api("GET", `/teams/${id}`)).body;

describe.each(ALL_SDKS)("$name", ({ sdk }) => {
  it("causes every event of the catalog through its server app, each received once with the server API's payload", async () => {
    seen = receiver.state.received.length;
    const server = new sdk.StackServerApp({
      baseUrl: backend.url,
      projectId: "internal",
      publishableClientKey,
      secretServerKey: deployment.keys.secretServerKey,
      tokenStore: "memory",
    });
    const tag = randomBytes(4).toString("hex");

    const user = await server.createUser({ primaryEmail: `sdk-${tag}@example.com`, displayName: "Synced" });
    const view = await serverUser(user.id);
    const personalTeamId = view.selected_team_id;
    const personal = { team_id: personalTeamId, user_id: user.id };
    expect(await nextEvents(5)).toEqual([
      // As POST /users answers: before the personal team is selected.
      { type: "user.created", data: { ...view, selected_team: null, selected_team_id: null } },
      { type: "team.created", data: await serverTeam(personalTeamId) },
      { type: "team_membership.created", data: personal },
      { type: "team_permission.created", data: { id: "team_admin", ...personal } },
      { type: "project_permission.created", data: { id: "sdk_reader", user_id: user.id } },
    ]);

    await user.update({ displayName: "Synced again" });
    expect(await nextEvents(1)).toEqual([{ type: "user.updated", data: await serverUser(user.id) }]);

    const team = await server.createTeam({ displayName: `SDK team ${tag}` });
    expect(await nextEvents(1)).toEqual([{ type: "team.created", data: await serverTeam(team.id) }]);
    await team.update({ displayName: `SDK team ${tag} renamed` });
    expect(await nextEvents(1)).toEqual([{ type: "team.updated", data: await serverTeam(team.id) }]);

    const membership = { team_id: team.id, user_id: user.id };
    await team.addUser(user.id);
    expect(await nextEvents(2)).toEqual([
      { type: "team_membership.created", data: membership },
      { type: "team_permission.created", data: { id: "team_member", ...membership } },
    ]);
    await user.grantPermission(team, "$update_team");
    expect(await nextEvents(1)).toEqual([{ type: "team_permission.created", data: { id: "$update_team", ...membership } }]);
    await user.revokePermission(team, "$update_team");
    expect(await nextEvents(1)).toEqual([{ type: "team_permission.deleted", data: { id: "$update_team", ...membership } }]);

    await user.grantPermission("sdk_writer");
    expect(await nextEvents(1)).toEqual([{ type: "project_permission.created", data: { id: "sdk_writer", user_id: user.id } }]);
    await user.revokePermission("sdk_writer");
    expect(await nextEvents(1)).toEqual([{ type: "project_permission.deleted", data: { id: "sdk_writer", user_id: user.id } }]);

    await team.removeUser(user.id);
    expect(await nextEvents(1)).toEqual([{ type: "team_membership.deleted", data: membership }]);

    // What deletions take with them: a team with two members, then a user with its personal team's membership.
    const other = await server.createUser({ primaryEmail: `sdk-${tag}-other@example.com` });
    await nextEvents(5);
    await team.addUser(user.id);
    await team.addUser(other.id);
    await nextEvents(4);
    await team.delete();
    expect(await nextEvents(3)).toEqual([
      { type: "team_membership.deleted", data: membership },
      { type: "team_membership.deleted", data: { team_id: team.id, user_id: other.id } },
      { type: "team.deleted", data: { id: team.id } },
    ]);
    await user.delete();
    expect(await nextEvents(2)).toEqual([
      { type: "team_membership.deleted", data: personal },
      { type: "user.deleted", data: { id: user.id, teams: [{ id: personalTeamId }] } },
    ]);

    // Nothing more, nothing twice, nothing forged.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.state.received).toHaveLength(seen);
    expect(new Set(receiver.state.received.map((event) => event.id)).size).toBe(seen);
    expect(receiver.state.unverified).toBe(0);
  });
});
