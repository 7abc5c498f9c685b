import { KnownErrors } from "@stackframe/stack-shared";
import {
  type KeyKind,
  createApiKeySet,
  generateProjectKey,
  getApiKeySet,
  listApiKeySets,
  toApiKeySetJson,
  updateApiKeySet,
} from "../domain/projects/api-key-sets";
import { uuid, z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { createdKeySetResponse, keySetListResponse, maskedKeySetResponse } from "./schemas/api-keys";
import { ADMIN_ACCESS } from "./route-policy";

const tags = ["Project keys"];
const idParams = z.object({ api_key_id: uuid() }).strict();

export const internalApiKeyRoutes = [
  defineRoute({
    method: "get",
    path: "/internal/api-keys",
    summary: "List the project's key sets, masked",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "Key sets", schema: keySetListResponse },
    handler: async ({ c, services, auth }) => {
      const rows = await listApiKeySets(services.db, auth.tenancy.project.id);
      return c.json({ items: rows.map(toApiKeySetJson), is_paginated: false });
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/api-keys",
    summary: "Create a key set; the keys are returned once, in full",
    tags,
    access: ADMIN_ACCESS,
    body: z
      .object({
        description: z.string().max(1024),
        expires_at_millis: z.number().int().positive().max(8.64e15),
        has_publishable_client_key: z.boolean(),
        has_secret_server_key: z.boolean(),
        has_super_secret_admin_key: z.boolean(),
      })
      .strict(),
    response: { status: 200, description: "The key set with its keys", schema: createdKeySetResponse },
    handler: async ({ c, services, auth, body }) => {
      const kinds: [KeyKind, boolean][] = [
        ["publishable_client_key", body.has_publishable_client_key],
        ["secret_server_key", body.has_secret_server_key],
        ["super_secret_admin_key", body.has_super_secret_admin_key],
      ];
      const keys = Object.fromEntries(kinds.filter(([, wanted]) => wanted).map(([kind]) => [kind, generateProjectKey(kind)]));
      const row = await createApiKeySet(services.db, auth.tenancy.project.id, {
        description: body.description,
        expiresAt: new Date(body.expires_at_millis),
        keys,
      });
      const { publishable_client_key: _p, secret_server_key: _s, super_secret_admin_key: _a, ...masked } = toApiKeySetJson(row);
      return c.json({ ...masked, ...keys });
    },
  }),
  defineRoute({
    method: "get",
    path: "/internal/api-keys/:api_key_id",
    summary: "One key set, masked",
    tags,
    access: ADMIN_ACCESS,
    params: idParams,
    response: { status: 200, description: "The key set", schema: maskedKeySetResponse },
    errors: [KnownErrors.ApiKeyNotFound],
    handler: async ({ c, services, auth, params }) => {
      const row = await getApiKeySet(services.db, auth.tenancy.project.id, params.api_key_id.toLowerCase());
      if (!row) throw new KnownErrors.ApiKeyNotFound();
      return c.json(toApiKeySetJson(row));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/internal/api-keys/:api_key_id",
    summary: "Rename or revoke a key set (revocation is permanent)",
    tags,
    access: ADMIN_ACCESS,
    params: idParams,
    body: z.object({ description: z.string().max(1024).optional(), revoked: z.literal(true).optional() }).strict(),
    response: { status: 200, description: "The key set", schema: maskedKeySetResponse },
    errors: [KnownErrors.ApiKeyNotFound],
    handler: async ({ c, services, auth, params, body }) => {
      const row = await updateApiKeySet(services.db, auth.tenancy.project.id, params.api_key_id.toLowerCase(), body);
      if (!row) throw new KnownErrors.ApiKeyNotFound();
      return c.json(toApiKeySetJson(row));
    },
  }),
];
