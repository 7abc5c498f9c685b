import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels, teamMembers } from "../../db/schema";
import { inTenancy } from "../../db/tenant-scope";
import { enqueueEmail } from "../emails/outbox";
import { renderWebhookEndpointDisabledEmail } from "../emails/render";
import type { ProjectCache } from "../projects/project-cache";

/**
 * The notice that a project's endpoint was turned off, rendered before the transaction that queues it (an embedded
 * database serves one transaction at a time). It comes from the internal project, whose users the admins are; the
 * endpoint is named by its host only, since its path or query may hold a token. Null for a project without admins.
 */
export async function prepareEndpointDisabledNotice(projects: ProjectCache, projectId: string, input: { endpointUrl: string; reason: string }) {
  const [project, internal] = await Promise.all([projects.get(projectId), projects.getTenancy("internal")]);
  const ownerTeamId = project?.project.ownerTeamId;
  if (!project || !internal || !ownerTeamId) return null;
  const email = await renderWebhookEndpointDisabledEmail(internal, { projectName: project.project.displayName, host: new URL(input.endpointUrl).host, reason: input.reason });
  return { internal, ownerTeamId, email };
}
export type EndpointDisabledNotice = NonNullable<Awaited<ReturnType<typeof prepareEndpointDisabledNotice>>>;

/** Queues the notice, in the caller's transaction, to every admin: the members of the project's owner team. */
export async function queueEndpointDisabledNotice(tx: Tx, notice: EndpointDisabledNotice): Promise<void> {
  const { internal, ownerTeamId, email } = notice;
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
  for (const admin of admins) await enqueueEmail(tx, internal, { kind: "webhook_endpoint_disabled", to: admin.email, email });
}
