import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels, teamMembers } from "../../db/schema";
import { inTenancy } from "../../db/tenant-scope";
import { enqueueEmail } from "../emails/outbox";
import type { ProjectCache } from "../projects/project-cache";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Who to tell about a project's endpoints: read before the transaction, since an embedded database serves one transaction at a time. */
export async function noticeContextOf(projects: ProjectCache, projectId: string) {
  const [project, internal] = await Promise.all([projects.get(projectId), projects.getTenancy("internal")]);
  const ownerTeamId = project?.project.ownerTeamId;
  if (!project || !internal || !ownerTeamId) return null;
  return { projectName: project.project.displayName, ownerTeamId, internal };
}
export type NoticeContext = NonNullable<Awaited<ReturnType<typeof noticeContextOf>>>;

/**
 * Tells a project's admins, through the outbox in the caller's transaction, that the server turned one of its
 * endpoints off. The admins are the members of the project's owner team, users of the internal project; the email
 * names the endpoint by its host only, since its path or query may hold a token.
 */
export async function queueEndpointDisabledNotice(tx: Tx, context: NoticeContext, input: { endpointUrl: string; reason: string }): Promise<void> {
  const { internal, ownerTeamId } = context;
  const admins = await tx
    .select({ email: contactChannels.value })
    .from(teamMembers)
    .innerJoin(
      contactChannels,
      and(
        eq(contactChannels.tenancyId, teamMembers.tenancyId),
        eq(contactChannels.userId, teamMembers.userId),
        eq(contactChannels.type, "email"),
        eq(contactChannels.isPrimary, true),
      ),
    )
    .where(inTenancy(internal, teamMembers, eq(teamMembers.teamId, ownerTeamId)));
  const host = new URL(input.endpointUrl).host;
  const name = context.projectName;
  const subject = `A webhook endpoint of ${name} was turned off`;
  const text = `The webhook endpoint at ${host} of the project ${name} was turned off: ${input.reason}\n\nNo more events are sent to it until it is turned on again in the dashboard. Its failed deliveries can be replayed from its delivery log.`;
  const html = `<p>The webhook endpoint at <b>${escapeHtml(host)}</b> of the project <b>${escapeHtml(name)}</b> was turned off: ${escapeHtml(input.reason)}</p><p>No more events are sent to it until it is turned on again in the dashboard. Its failed deliveries can be replayed from its delivery log.</p>`;
  for (const { email } of admins) await enqueueEmail(tx, internal, { kind: "webhook_endpoint_disabled", to: email, email: { subject, html, text } });
}
