import { KnownErrors } from "@stackframe/stack-shared";
import type { Database } from "../../db/client";
import { isValidProjectKey } from "../projects/api-key-sets";
import type { ProjectConfig } from "../projects/config";
import type { ProjectCache } from "../projects/project-cache";
import type { Tenancy } from "../projects/tenancy";
import { isTrustedRedirectUrl } from "../projects/trusted-domains";

// The client secret of apps that have no publishable key.
export const PUBLIC_CLIENT_SECRET = "__stack_public_client__";

/**
 * The tenancy an OAuth client (`{projectId}` or `{projectId}#{branchId}`) names, once its secret (a publishable key, or
 * the public sentinel where the project allows it) checks out. The token endpoint reports a wrong key as a bad client
 * secret, as OAuth clients expect; the authorize endpoint, which apps open directly, names the publishable key.
 */
export async function authenticateOAuthClient(
  services: { db: Database; projects: ProjectCache },
  clientId: string,
  clientSecret: string,
  wrongKey: "oauth-client" | "publishable-key" = "oauth-client",
): Promise<Tenancy> {
  const [projectId, branchId = "main", ...rest] = clientId.split("#");
  const tenancy = projectId && rest.length === 0 ? await services.projects.getTenancy(projectId, branchId) : null;
  if (!tenancy) throw new KnownErrors.InvalidOAuthClientIdOrSecret(clientId);
  if (clientSecret === PUBLIC_CLIENT_SECRET) {
    if (tenancy.config.project.requirePublishableClientKey) throw new KnownErrors.PublishableClientKeyRequiredForProject(tenancy.project.id);
  } else if (!(await isValidProjectKey(services.db, tenancy.project.id, "publishable_client_key", clientSecret))) {
    throw wrongKey === "publishable-key" ? new KnownErrors.InvalidPublishableClientKey(tenancy.project.id) : new KnownErrors.InvalidOAuthClientIdOrSecret(clientId);
  }
  return tenancy;
}

// Native apps receive their OAuth result through these custom schemes (Stack Auth's, and ours).
const MOBILE_SCHEMES = ["stack-auth-mobile-oauth-url:", "hexclave-mobile-oauth-url:"];

/** Where an OAuth result may be sent: a trusted domain of the project, or the mobile app schemes. */
export function isAllowedOAuthRedirect(config: ProjectConfig, value: string): boolean {
  if (MOBILE_SCHEMES.some((scheme) => value.toLowerCase().startsWith(scheme))) return URL.canParse(value) && !/[\s\\]/.test(value);
  return isTrustedRedirectUrl(config, value);
}
