import { expect } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { projectSnapshot } from "../harness/snapshots";
import { type ApiResponse, type SignedInUser, type TestProject, api, projectHeaders, sql, testEnv } from "../harness/rest";

/** A trusted callback: new projects allow localhost. */
export const INVITATION_CALLBACK = "http://localhost:3000/handler/team-invitation";

/** Request helpers bound to one project, so a test reads as who does what. */
export function teamsOf(project: TestProject) {
  const client = (user: SignedInUser, extra: Record<string, string> = {}) => projectHeaders(project, "client", { "access-token": user.accessToken, ...extra });
  const server = () => projectHeaders(project, "server");
  const admin = () => projectHeaders(project, "admin");

  return {
    client,
    server,
    admin,

    async createTeamAs(user: SignedInUser, displayName = "Team"): Promise<{ id: string; display_name: string }> {
      const response = await api("/api/v1/teams", { headers: client(user), body: { display_name: displayName } });
      expect(response.status).toBe(201);
      return response.body;
    },

    async addMember(teamId: string, userId: string): Promise<void> {
      const response = await api(`/api/v1/team-memberships/${teamId}/${userId}`, { headers: server(), body: {} });
      expect(response.status).toBe(201);
    },

    async grant(teamId: string, userId: string, permissionId: string): Promise<void> {
      const response = await api(`/api/v1/team-permissions/${teamId}/${userId}/${permissionId}`, { headers: server(), body: {} });
      expect(response.status).toBe(201);
    },

    async revoke(teamId: string, userId: string, permissionId: string): Promise<ApiResponse> {
      const response = await api(`/api/v1/team-permissions/${teamId}/${userId}/${permissionId}`, { method: "DELETE", headers: server() });
      expect(response.status).toBe(200);
      return response;
    },

    /** Marks a user's primary email verified, as a server may. */
    async verifyEmailOf(userId: string): Promise<void> {
      const response = await api(`/api/v1/users/${userId}`, { method: "PATCH", headers: server(), body: { primary_email_verified: true } });
      expect(response.status).toBe(200);
    },

    sendInvitation(headers: Record<string, string | undefined>, teamId: string, email: string, callbackUrl = INVITATION_CALLBACK): Promise<ApiResponse> {
      return api("/api/v1/team-invitations/send-code", { headers, body: { team_id: teamId, email, callback_url: callbackUrl } });
    },

    /** Sends an invitation as the server and returns its id and the code from the email. */
    async invite(teamId: string, email: string): Promise<{ id: string; code: string }> {
      const sent = await api("/api/v1/team-invitations/send-code", { headers: server(), body: { team_id: teamId, email, callback_url: INVITATION_CALLBACK } });
      expect(sent.status).toBe(200);
      return { id: sent.body.id, code: await invitationCode(email) };
    },
  };
}

/** The code of the newest invitation email to an address. */
export async function invitationCode(email: string): Promise<string> {
  return codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email, (mail) => mail.text.includes(`${INVITATION_CALLBACK}?code=`)));
}

export const idsOf = (response: ApiResponse): string[] => (response.body?.items ?? []).map((item: { id: string }) => item.id);

/** The outbox worker updates its rows after sending; snapshots compare only once it has finished. */
export async function outboxSettled(projectId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await sql("select count(*)::int as n from email_outbox where project_id = $1 and status <> 'sent'", [projectId]))[0].n > 0) {
    if (Date.now() > deadline) throw new Error(`The outbox of ${projectId} did not settle within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs calls and proves that nothing of the project changed (its outbox settled first). */
export async function expectNoWrites(projectId: string, calls: () => Promise<void>): Promise<void> {
  await outboxSettled(projectId);
  const before = await projectSnapshot(projectId);
  await calls();
  expect(await projectSnapshot(projectId)).toEqual(before);
}
