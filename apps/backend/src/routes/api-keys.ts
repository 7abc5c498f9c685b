import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import type { Services } from "../services";
import {
  type ApiKeyOwner,
  type ApiKeyScope,
  MANAGE_API_KEYS_PERMISSION,
  checkApiKey,
  createApiKey,
  listApiKeys,
  requireApiKey,
  toApiKeyJson,
  updateApiKey,
} from "../domain/api-keys/api-keys";
import type { ApiKeyType } from "../domain/api-keys/key-format";
import { hasTeamPermission } from "../domain/permissions/team-permissions";
import { StatusError } from "../lib/status-error";
import { userIdOrMe, uuid, z } from "../lib/zod";
import { requireUser, resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { teamApiKeyListResponse, teamApiKeyResponse, userApiKeyListResponse, userApiKeyResponse } from "./schemas/api-keys";
import { ANY_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["API keys"];

const keyParams = z.object({ api_key_id: uuid() }).strict();
const createFields = {
  description: z.string().max(1000),
  // The key is required, null meaning "never expires".
  expires_at_millis: z.number().int().min(0).max(8.64e15).nullable(),
  is_public: z.boolean().optional(),
};
// Revocation is one-way: `revoked: false` is not a request the API understands.
const updateBody = z.object({ description: z.string().max(1000).optional(), revoked: z.literal(true).optional() }).strict();
const checkBody = z.object({ api_key: z.string().max(1000) }).strict();

function requireEnabled(auth: Auth, type: ApiKeyType): void {
  if (!auth.tenancy.config.apiKeys.enabled[type]) throw new StatusError(400, `${type === "user" ? "User" : "Team"} API keys are not enabled for this project.`);
}

/** The user whose keys a request is about. Clients act only for the signed-in user, whatever the request names (AK-01). */
function targetUserId(auth: Auth, userId: string | undefined): string | undefined {
  if (auth.type !== "client") return userId === undefined ? undefined : resolveUserId(auth, userId);
  const self = requireUser(auth).row.id;
  if (userId !== undefined && resolveUserId(auth, userId) !== self) throw new StatusError(403, "Client can only manage their own API keys.");
  return self;
}

/** The team whose keys a request is about. A client without `$manage_api_keys` there learns nothing, not even that the team exists. */
async function targetTeamId(services: Services, auth: Auth, teamId: string): Promise<string> {
  const id = teamId.toLowerCase();
  if (auth.type !== "client") return id;
  const userId = requireUser(auth).row.id;
  if (!(await hasTeamPermission(services.db, auth.tenancy, { teamId: id, userId, permissionId: MANAGE_API_KEYS_PERMISSION }))) {
    throw new KnownErrors.ApiKeyNotFound();
  }
  return id;
}

const expiresAt = (millis: number | null) => (millis === null ? null : new Date(millis));

/** How each key type names its owner: user keys by `user_id` (clients: themselves), team keys by a required `team_id`. */
const OWNERS = {
  user: {
    idField: () => userIdOrMe(),
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    async scope(_services: Services, auth: Auth, ownerId: string | undefined, route: "create" | "list" | "one"): Promise<ApiKeyScope> {
      if (route === "list" && ownerId === undefined) throw new KnownErrors.SchemaError("user_id is required for user API keys");
      return { type: "user", userId: targetUserId(auth, ownerId) };
    },
  },
  team: {
    idField: () => uuid(),
    query: z.object({ team_id: uuid() }).strict(),
    async scope(services: Services, auth: Auth, ownerId: string | undefined): Promise<ApiKeyScope> {
      return { type: "team", teamId: await targetTeamId(services, auth, ownerId!) };
    },
  },
} as const;

const ownerIdOf = (type: ApiKeyType, values: { user_id?: string; team_id?: string }) => (type === "user" ? values.user_id : values.team_id);

/** The five routes of one key type; user and team keys differ only in how they name their owner. */
function keyRoutes(type: ApiKeyType) {
  const owner = OWNERS[type];
  const base = `/${type}-api-keys`;
  const label = `${type} API key`;
  const [keySchema, keyListSchema] = type === "user" ? [userApiKeyResponse, userApiKeyListResponse] : [teamApiKeyResponse, teamApiKeyListResponse];
  return [
    defineRoute({
      method: "post",
      path: base,
      summary: `Create a ${label} (the full key is in this response only)`,
      tags,
      access: ANY_ACCESS,
      body: z.object({ [`${type}_id`]: owner.idField(), ...createFields }).strict(),
      response: { status: 200, description: "The key, with its full value", schema: keySchema },
      errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.ApiKeyNotFound, KnownErrors.UserIdDoesNotExist, KnownErrors.TeamNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
      handler: async ({ c, services, auth, body }) => {
        requireEnabled(auth, type);
        const scope = await owner.scope(services, auth, ownerIdOf(type, body as { user_id?: string; team_id?: string }), "create");
        const { row, value } = await createApiKey(services.db, auth.tenancy, {
          owner: scope as ApiKeyOwner,
          description: body.description,
          expiresAt: expiresAt(body.expires_at_millis),
          isPublic: body.is_public ?? false,
        });
        return c.json(toApiKeyJson(row, value));
      },
    }),
    defineRoute({
      method: "get",
      path: base,
      summary: `A ${type}'s API keys, newest first`,
      tags,
      access: ANY_ACCESS,
      query: owner.query,
      response: { status: 200, description: "The keys", schema: keyListSchema },
      errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.ApiKeyNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
      handler: async ({ c, services, auth, query }) => {
        requireEnabled(auth, type);
        const rows = await listApiKeys(services.db, auth.tenancy, await owner.scope(services, auth, ownerIdOf(type, query), "list"));
        return c.json({ items: rows.map((row) => toApiKeyJson(row)), is_paginated: false });
      },
    }),
    defineRoute({
      method: "get",
      path: `${base}/:api_key_id`,
      summary: `One ${label}`,
      tags,
      access: ANY_ACCESS,
      params: keyParams,
      query: owner.query,
      response: { status: 200, description: "The key", schema: keySchema },
      errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.ApiKeyNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
      handler: async ({ c, services, auth, params, query }) => {
        requireEnabled(auth, type);
        const scope = await owner.scope(services, auth, ownerIdOf(type, query), "one");
        return c.json(toApiKeyJson(await requireApiKey(services.db, auth.tenancy, params.api_key_id.toLowerCase(), scope)));
      },
    }),
    defineRoute({
      method: "patch",
      path: `${base}/:api_key_id`,
      summary: `Change a ${label}'s description, or revoke it`,
      tags,
      access: ANY_ACCESS,
      params: keyParams,
      query: owner.query,
      body: updateBody,
      response: { status: 200, description: "The key", schema: keySchema },
      errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.ApiKeyNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
      handler: async ({ c, services, auth, params, query, body }) => {
        requireEnabled(auth, type);
        const scope = await owner.scope(services, auth, ownerIdOf(type, query), "one");
        const row = await requireApiKey(services.db, auth.tenancy, params.api_key_id.toLowerCase(), scope);
        return c.json(toApiKeyJson(await updateApiKey(services.db, auth.tenancy, row, { description: body.description, revoke: body.revoked })));
      },
    }),
    defineRoute({
      method: "post",
      path: `${base}/check`,
      summary: `Check a ${label} and return it (masked)`,
      tags,
      access: SERVER_ACCESS,
      body: checkBody,
      response: { status: 200, description: "The key", schema: keySchema },
      errors: [KnownErrors.ApiKeyNotFound, KnownErrors.WrongApiKeyType, KnownErrors.ApiKeyRevoked, KnownErrors.ApiKeyExpired],
      handler: async ({ c, services, auth, body }) => {
        requireEnabled(auth, type);
        return c.json(toApiKeyJson(await checkApiKey(services.db, auth.tenancy, type, body.api_key)));
      },
    }),
  ];
}

export const apiKeyRoutes = [...keyRoutes("user"), ...keyRoutes("team")];
