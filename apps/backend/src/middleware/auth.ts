import { ACCESS_TYPES, type AccessType, KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import type { Services } from "../services";
import { isValidProjectKey } from "../domain/projects/api-key-sets";
import type { ProjectLookup } from "../domain/projects/project-cache";
import { isTeamMember } from "../domain/teams/member-checks";
import type { AccessTokenClaims } from "../domain/tokens/access-token-claims";
import { validAccessTokenClaims } from "../domain/tokens/access-tokens";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import type { StackHeaders } from "./request-headers";

const INTERNAL_PROJECT_ID = "internal";

async function verifyUserAccessToken(services: Services, headers: StackHeaders, projectId: string) {
  const token = headers["access-token"];
  if (token === undefined) return null;
  const claims = await validAccessTokenClaims(services.accessTokens, token);
  if (claims.project_id !== projectId) throw new KnownErrors.InvalidProjectForAccessToken(projectId, claims.project_id);
  const allowAnonymous = headers["allow-anonymous-user"] === "true";
  if (claims.is_anonymous && !allowAnonymous) throw new KnownErrors.AnonymousAuthenticationNotAllowed();
  // Allowing anonymous users implies allowing restricted ones (every anonymous user is restricted).
  if (claims.is_restricted && !allowAnonymous && headers["allow-restricted-user"] !== "true") {
    throw new KnownErrors.RestrictedUserNotAllowed(claims.restricted_reason ?? { type: "restricted_by_administrator" });
  }
  return claims;
}

/** The admin access token's check: an internal-project user who is a member of the project's owner team. */
async function checkAdminAccessToken(services: Services, token: string, lookup: ProjectLookup): Promise<void> {
  const result = await services.accessTokens.verify(token);
  if (result.status === "expired") {
    const exp = result.claims.exp;
    throw new KnownErrors.AdminAccessTokenExpired(typeof exp === "number" ? new Date(exp * 1000) : null);
  }
  if (result.status === "invalid") throw new KnownErrors.UnparsableAdminAccessToken();
  if (result.claims.project_id !== INTERNAL_PROJECT_ID) throw new KnownErrors.AdminAccessTokenIsNotAdmin();
  const internal = await services.projects.getTenancy(INTERNAL_PROJECT_ID);
  if (!internal) throw new KnownErrors.AdminAccessTokenIsNotAdmin();
  const user = await getUserRecord(services.db, internal, result.claims.sub);
  if (!user) throw new StatusError(401, "The user of the admin access token no longer exists.");
  const ownerTeamId = lookup.project.ownerTeamId;
  const manages = ownerTeamId !== null && (await isTeamMember(services.db, internal, ownerTeamId, user.row.id));
  if (!manages) throw new KnownErrors.AdminAccessTokenIsNotAdmin();
}

async function checkProjectKey(services: Services, type: AccessType, headers: StackHeaders, lookup: ProjectLookup) {
  const projectId = lookup.project.id;
  const { db } = services;
  if (type === "client") {
    const key = headers["publishable-client-key"];
    if (key === undefined) {
      if (lookup.config.project.requirePublishableClientKey) {
        throw new KnownErrors.PublishableClientKeyRequiredForProject(projectId);
      }
      return;
    }
    if (!(await isValidProjectKey(db, projectId, "publishable_client_key", key))) {
      throw new KnownErrors.InvalidPublishableClientKey(projectId);
    }
  } else if (type === "server") {
    const key = headers["secret-server-key"];
    if (key === undefined) throw new KnownErrors.ServerAuthenticationRequired();
    if (!(await isValidProjectKey(db, projectId, "secret_server_key", key))) {
      throw new KnownErrors.InvalidSecretServerKey(projectId);
    }
  } else {
    const key = headers["super-secret-admin-key"];
    if (key === undefined) throw new KnownErrors.AdminAuthenticationRequired();
    if (!(await isValidProjectKey(db, projectId, "super_secret_admin_key", key))) {
      throw new KnownErrors.InvalidSuperSecretAdminKey(projectId);
    }
  }
}

/** Resolves the caller in Stack Auth's order, so clients see the error they expect first. Null: no project auth sent. */
export async function resolveAuth(services: Services, headers: StackHeaders, options: { loadUser: boolean } = { loadUser: true }): Promise<Auth | null> {
  const accessType = headers["access-type"];
  const hasCredential =
    headers["publishable-client-key"] !== undefined ||
    headers["secret-server-key"] !== undefined ||
    headers["super-secret-admin-key"] !== undefined ||
    headers["admin-access-token"] !== undefined;
  if (accessType === undefined) {
    if (hasCredential) throw new KnownErrors.ProjectKeyWithoutAccessType();
    return null;
  }
  if (!(ACCESS_TYPES as readonly string[]).includes(accessType)) throw new KnownErrors.InvalidAccessType(accessType);
  const type = accessType as AccessType;
  const projectId = headers["project-id"];
  if (projectId === undefined) throw new KnownErrors.AccessTypeWithoutProjectId(type);

  const claims: AccessTokenClaims | null = await verifyUserAccessToken(services, headers, projectId);

  const branchId = headers["branch-id"] ?? "main";
  const lookup = await services.projects.get(projectId, branchId);
  if (!lookup) throw new KnownErrors.CurrentProjectNotFound(projectId);

  const adminAccessToken = headers["admin-access-token"];
  if (adminAccessToken !== undefined) await checkAdminAccessToken(services, adminAccessToken, lookup);
  else await checkProjectKey(services, type, headers, lookup);

  const { tenancy } = lookup;
  if (!tenancy) throw new KnownErrors.BranchDoesNotExist(branchId);
  // Access tokens only ever name the main branch.
  if (claims && claims.branch_id !== undefined && claims.branch_id !== branchId) throw new KnownErrors.UnparsableAccessToken();

  // A valid token of a deleted user is simply "no user".
  const user = claims && options.loadUser ? await getUserRecord(services.db, tenancy, claims.sub) : null;
  return { type, tenancy, user, tokenUserId: claims?.sub ?? null, refreshTokenId: user ? claims!.refresh_token_id : null };
}
