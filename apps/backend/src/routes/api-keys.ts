import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth, Services } from "../app-env";
import {
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

const ANY_ACCESS = ["client", "server", "admin"] as const;
const SERVER_ACCESS = ["server", "admin"] as const;
const tags = ["API keys"];

const keyParams = z.object({ api_key_id: uuid() }).strict();
const createFields = {
  description: z.string().max(1000),
  // The key is required, null meaning "never expires" (wire 20 §8).
  expires_at_millis: z.number().int().min(0).max(8.64e15).nullable(),
  is_public: z.boolean().optional(),
};
// Revocation is one-way: `revoked: false` is not a request the API understands.
const updateBody = z.object({ description: z.string().max(1000).optional(), revoked: z.literal(true).optional() }).strict();
const checkBody = z.object({ api_key: z.string().max(1000) }).strict();

function requireEnabled(auth: Auth, type: ApiKeyType): void {
  if (!auth.project.config.apiKeys.enabled[type]) throw new StatusError(400, `${type === "user" ? "User" : "Team"} API keys are not enabled for this project.`);
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
  if (!(await hasTeamPermission(services.db, auth.tenancyId, auth.project.config, { teamId: id, userId, permissionId: MANAGE_API_KEYS_PERMISSION }))) {
    throw new KnownErrors.ApiKeyNotFound();
  }
  return id;
}

const expiresAt = (millis: number | null) => (millis === null ? null : new Date(millis));

const userKeyRoutes = [
  defineRoute({
    method: "post",
    path: "/user-api-keys",
    summary: "Create an API key for a user (the full key is in this response only)",
    tags,
    access: ANY_ACCESS,
    body: z.object({ user_id: userIdOrMe(), ...createFields }).strict(),
    response: { status: 200, description: "The key, with its full value" },
    handler: async ({ c, services, auth, body }) => {
      requireEnabled(auth, "user");
      const userId = targetUserId(auth, body.user_id)!;
      const { row, value } = await createApiKey(services.db, auth.tenancyId, {
        owner: { type: "user", userId },
        description: body.description,
        expiresAt: expiresAt(body.expires_at_millis),
        isPublic: body.is_public ?? false,
      });
      return c.json(toApiKeyJson(row, value));
    },
  }),
  defineRoute({
    method: "get",
    path: "/user-api-keys",
    summary: "A user's API keys, newest first",
    tags,
    access: ANY_ACCESS,
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "The keys" },
    handler: async ({ c, services, auth, query }) => {
      requireEnabled(auth, "user");
      if (query.user_id === undefined) throw new KnownErrors.SchemaError("user_id is required for user API keys");
      const userId = targetUserId(auth, query.user_id)!;
      const rows = await listApiKeys(services.db, auth.tenancyId, { type: "user", userId });
      return c.json({ items: rows.map((row) => toApiKeyJson(row)), is_paginated: false });
    },
  }),
  defineRoute({
    method: "get",
    path: "/user-api-keys/:api_key_id",
    summary: "One user API key",
    tags,
    access: ANY_ACCESS,
    params: keyParams,
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "The key" },
    handler: async ({ c, services, auth, params, query }) => {
      requireEnabled(auth, "user");
      const userId = targetUserId(auth, query.user_id);
      return c.json(toApiKeyJson(await requireApiKey(services.db, auth.tenancyId, params.api_key_id.toLowerCase(), { type: "user", userId })));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/user-api-keys/:api_key_id",
    summary: "Change a user API key's description, or revoke it",
    tags,
    access: ANY_ACCESS,
    params: keyParams,
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    body: updateBody,
    response: { status: 200, description: "The key" },
    handler: async ({ c, services, auth, params, query, body }) => {
      requireEnabled(auth, "user");
      const userId = targetUserId(auth, query.user_id);
      const row = await requireApiKey(services.db, auth.tenancyId, params.api_key_id.toLowerCase(), { type: "user", userId });
      return c.json(toApiKeyJson(await updateApiKey(services.db, row, { description: body.description, revoke: body.revoked })));
    },
  }),
  defineRoute({
    method: "post",
    path: "/user-api-keys/check",
    summary: "Check a user API key and return it (masked)",
    tags,
    access: SERVER_ACCESS,
    body: checkBody,
    response: { status: 200, description: "The key" },
    handler: async ({ c, services, auth, body }) => {
      requireEnabled(auth, "user");
      return c.json(toApiKeyJson(await checkApiKey(services.db, auth.tenancyId, "user", body.api_key)));
    },
  }),
];

const teamQuery = z.object({ team_id: uuid() }).strict();

const teamKeyRoutes = [
  defineRoute({
    method: "post",
    path: "/team-api-keys",
    summary: "Create an API key for a team (the full key is in this response only)",
    tags,
    access: ANY_ACCESS,
    body: z.object({ team_id: uuid(), ...createFields }).strict(),
    response: { status: 200, description: "The key, with its full value" },
    handler: async ({ c, services, auth, body }) => {
      requireEnabled(auth, "team");
      const teamId = await targetTeamId(services, auth, body.team_id);
      const { row, value } = await createApiKey(services.db, auth.tenancyId, {
        owner: { type: "team", teamId },
        description: body.description,
        expiresAt: expiresAt(body.expires_at_millis),
        isPublic: body.is_public ?? false,
      });
      return c.json(toApiKeyJson(row, value));
    },
  }),
  defineRoute({
    method: "get",
    path: "/team-api-keys",
    summary: "A team's API keys, newest first",
    tags,
    access: ANY_ACCESS,
    query: teamQuery,
    response: { status: 200, description: "The keys" },
    handler: async ({ c, services, auth, query }) => {
      requireEnabled(auth, "team");
      const teamId = await targetTeamId(services, auth, query.team_id);
      const rows = await listApiKeys(services.db, auth.tenancyId, { type: "team", teamId });
      return c.json({ items: rows.map((row) => toApiKeyJson(row)), is_paginated: false });
    },
  }),
  defineRoute({
    method: "get",
    path: "/team-api-keys/:api_key_id",
    summary: "One team API key",
    tags,
    access: ANY_ACCESS,
    params: keyParams,
    query: teamQuery,
    response: { status: 200, description: "The key" },
    handler: async ({ c, services, auth, params, query }) => {
      requireEnabled(auth, "team");
      const teamId = await targetTeamId(services, auth, query.team_id);
      return c.json(toApiKeyJson(await requireApiKey(services.db, auth.tenancyId, params.api_key_id.toLowerCase(), { type: "team", teamId })));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/team-api-keys/:api_key_id",
    summary: "Change a team API key's description, or revoke it",
    tags,
    access: ANY_ACCESS,
    params: keyParams,
    query: teamQuery,
    body: updateBody,
    response: { status: 200, description: "The key" },
    handler: async ({ c, services, auth, params, query, body }) => {
      requireEnabled(auth, "team");
      const teamId = await targetTeamId(services, auth, query.team_id);
      const row = await requireApiKey(services.db, auth.tenancyId, params.api_key_id.toLowerCase(), { type: "team", teamId });
      return c.json(toApiKeyJson(await updateApiKey(services.db, row, { description: body.description, revoke: body.revoked })));
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-api-keys/check",
    summary: "Check a team API key and return it (masked)",
    tags,
    access: SERVER_ACCESS,
    body: checkBody,
    response: { status: 200, description: "The key" },
    handler: async ({ c, services, auth, body }) => {
      requireEnabled(auth, "team");
      return c.json(toApiKeyJson(await checkApiKey(services.db, auth.tenancyId, "team", body.api_key)));
    },
  }),
];

export const apiKeyRoutes = [...userKeyRoutes, ...teamKeyRoutes];
