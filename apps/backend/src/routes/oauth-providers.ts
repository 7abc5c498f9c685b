import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import {
  type OAuthAccountRow,
  deleteLinkedAccount,
  getUserAccount,
  linkAccount,
  listTenancyAccounts,
  listUserAccounts,
  updateLinkedAccount,
} from "../domain/oauth/linked-accounts";
import type { ProjectConfig } from "../domain/projects/config";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { userIdOrMe, uuid, z } from "../lib/zod";
import type { Services } from "../services";
import { resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { successResponse } from "./schemas/common";
import { ANY_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["OAuth providers"];

const clientLink = z
  .object({
    user_id: z.string().uuid(),
    id: z.string().uuid(),
    email: z.string().optional(),
    provider_config_id: z.string(),
    type: z.string(),
    allow_sign_in: z.boolean(),
    allow_connected_accounts: z.boolean(),
  })
  .strict()
  .openapi("OAuthProviderLink", { description: "A provider account linked to a user" });
const serverLink = clientLink.extend({ account_id: z.string() }).strict().openapi("ServerOAuthProviderLink");
const linkResponse = z.union([serverLink, clientLink]);
const listResponse = z.object({ items: z.array(linkResponse), is_paginated: z.literal(false) }).strict();

function toLinkJson(row: OAuthAccountRow, config: ProjectConfig, auth: Auth) {
  const entry = Object.hasOwn(config.auth.oauth.providers, row.providerConfigId) ? config.auth.oauth.providers[row.providerConfigId] : undefined;
  return {
    user_id: row.userId,
    id: row.id,
    ...(row.email === null ? {} : { email: row.email }),
    provider_config_id: row.providerConfigId,
    type: entry?.type ?? row.providerConfigId,
    allow_sign_in: row.allowSignIn,
    allow_connected_accounts: row.allowConnectedAccounts,
    // The provider's account id stays on the server side: a client only ever needs its own link's id.
    ...(auth.type === "client" ? {} : { account_id: row.providerAccountId }),
  };
}

/** The user whose links a request is about; clients only their own (plain-text 403s, as in Stack Auth's API). */
async function linkOwner(services: Services, auth: Auth, userId: string, verb: "read" | "list" | "update" | "delete" | "create"): Promise<string> {
  const id = resolveUserId(auth, userId);
  if (auth.type === "client") {
    if (id !== auth.user?.row.id) throw new StatusError(403, `Client can only ${verb} OAuth providers for their own user.`);
    return id;
  }
  if (!(await getUserRecord(services.db, auth.tenancy, id))) throw new KnownErrors.UserIdDoesNotExist(id);
  return id;
}

async function requireLink(services: Services, auth: Auth, userId: string, id: string): Promise<OAuthAccountRow> {
  const row = await getUserAccount(services.db, auth.tenancy, userId, id.toLowerCase());
  if (!row) throw new StatusError(404, `OAuth provider ${id} for user ${userId} not found`);
  return row;
}

const linkParams = z.object({ user_id: userIdOrMe(), provider_id: uuid() }).strict();
const linkErrors = [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist, KnownErrors.OAuthProviderAccountIdAlreadyUsedForSignIn];

export const oauthProviderRoutes = [
  defineRoute({
    method: "get",
    path: "/oauth-providers",
    summary: "A user's linked provider accounts (servers may list the project's)",
    tags,
    access: ANY_ACCESS,
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "The linked accounts", schema: listResponse },
    errors: linkErrors,
    handler: async ({ c, services, auth, query }) => {
      if (query.user_id === undefined && auth.type === "client") throw new StatusError(403, "Client can only list OAuth providers for their own user.");
      const rows =
        query.user_id === undefined
          ? await listTenancyAccounts(services.db, auth.tenancy)
          : await listUserAccounts(services.db, auth.tenancy, await linkOwner(services, auth, query.user_id, "list"));
      return c.json({ items: rows.map((row) => toLinkJson(row, auth.tenancy.config, auth)), is_paginated: false as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/oauth-providers",
    summary: "Link a provider account to a user",
    tags,
    access: SERVER_ACCESS,
    body: z
      .object({
        user_id: userIdOrMe(),
        provider_config_id: z.string().min(1).max(256),
        account_id: z.string().min(1).max(512),
        email: z.string().email().max(256).optional(),
        allow_sign_in: z.boolean(),
        allow_connected_accounts: z.boolean(),
      })
      .strict(),
    response: { status: 201, description: "The new link", schema: serverLink },
    errors: linkErrors,
    handler: async ({ c, services, auth, body }) => {
      const userId = await linkOwner(services, auth, body.user_id, "create");
      if (!Object.hasOwn(auth.tenancy.config.auth.oauth.providers, body.provider_config_id)) {
        throw new StatusError(404, `OAuth provider config ${body.provider_config_id} not found.`);
      }
      const row = await linkAccount(services.db, auth.tenancy, userId, {
        providerConfigId: body.provider_config_id,
        providerAccountId: body.account_id,
        email: body.email ?? null,
        allowSignIn: body.allow_sign_in,
        allowConnectedAccounts: body.allow_connected_accounts,
      });
      return c.json(toLinkJson(row, auth.tenancy.config, auth), 201);
    },
  }),
  defineRoute({
    method: "get",
    path: "/oauth-providers/:user_id/:provider_id",
    summary: "One linked provider account",
    tags,
    access: ANY_ACCESS,
    params: linkParams,
    response: { status: 200, description: "The link", schema: linkResponse },
    errors: linkErrors,
    handler: async ({ c, services, auth, params }) => {
      const userId = await linkOwner(services, auth, params.user_id, "read");
      return c.json(toLinkJson(await requireLink(services, auth, userId, params.provider_id), auth.tenancy.config, auth));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/oauth-providers/:user_id/:provider_id",
    summary: "Change whether a linked account signs in or gives access tokens",
    tags,
    access: ANY_ACCESS,
    params: linkParams,
    body: z
      .object({
        allow_sign_in: z.boolean().optional(),
        allow_connected_accounts: z.boolean().optional(),
        email: z.string().email().max(256).optional(),
        account_id: z.string().min(1).max(512).optional(),
      })
      .strict(),
    clientBody: z.object({ allow_sign_in: z.boolean().optional(), allow_connected_accounts: z.boolean().optional() }).strict(),
    response: { status: 200, description: "The link", schema: linkResponse },
    errors: linkErrors,
    handler: async ({ c, services, auth, params, body }) => {
      const userId = await linkOwner(services, auth, params.user_id, "update");
      const row = await requireLink(services, auth, userId, params.provider_id);
      const updated = await updateLinkedAccount(services.db, auth.tenancy, row, {
        allowSignIn: body.allow_sign_in,
        allowConnectedAccounts: body.allow_connected_accounts,
        email: body.email,
        providerAccountId: body.account_id,
      });
      return c.json(toLinkJson(updated, auth.tenancy.config, auth));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/oauth-providers/:user_id/:provider_id",
    summary: "Unlink a provider account",
    tags,
    access: ANY_ACCESS,
    params: linkParams,
    response: { status: 200, description: "Unlinked", schema: successResponse },
    errors: linkErrors,
    handler: async ({ c, services, auth, params }) => {
      const userId = await linkOwner(services, auth, params.user_id, "delete");
      await deleteLinkedAccount(services.db, auth.tenancy, await requireLink(services, auth, userId, params.provider_id));
      return c.json({ success: true as const });
    },
  }),
];
