import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import { type OAuthAccountRow, listUserAccounts } from "../domain/oauth/linked-accounts";
import { providerClient } from "../domain/oauth/provider-client";
import { connectedAccessToken, splitScopes } from "../domain/oauth/provider-tokens";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { userIdOrMe, z } from "../lib/zod";
import { type Services, serverSecretOf } from "../services";
import { resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { ANY_ACCESS } from "./route-policy";

const tags = ["Connected accounts"];

async function accountOwner(services: Services, auth: Auth, userId: string): Promise<string> {
  const id = resolveUserId(auth, userId);
  if (auth.type === "client") {
    if (id !== auth.user?.row.id) throw new StatusError(403, "Client can only access their own connected accounts.");
    return id;
  }
  if (!(await getUserRecord(services.db, auth.tenancy, id))) throw new KnownErrors.UserIdDoesNotExist(id);
  return id;
}

const connectedOf = (rows: OAuthAccountRow[]) => rows.filter((row) => row.allowConnectedAccounts);

const accessTokenBody = z.object({ scope: z.string().max(2048).optional() }).strict();
const accessTokenResponse = z.object({ access_token: z.string() }).strict().openapi("ConnectedAccountAccessToken");
const accessTokenErrors = [
  KnownErrors.CannotGetOwnUserWithoutUser,
  KnownErrors.UserIdDoesNotExist,
  KnownErrors.OAuthProviderNotFoundOrNotEnabled,
  KnownErrors.InvalidStandardOAuthProviderId,
  KnownErrors.InvalidSharedOAuthProviderId,
  KnownErrors.OAuthAccessTokenNotAvailableWithSharedOAuthKeys,
  KnownErrors.OAuthConnectionNotConnectedToUser,
  KnownErrors.OAuthConnectionDoesNotHaveRequiredScope,
  KnownErrors.OAuthAccessTokenNotAvailable,
  KnownErrors.OAuthProviderTemporarilyUnavailable,
];

/** A provider access token for one of the user's connected accounts (the newest one of the provider unless named). */
async function accessToken(services: Services, auth: Auth, input: { userId: string; providerId: string; providerAccountId?: string; scope?: string }) {
  const userId = await accountOwner(services, auth, input.userId);
  const entry = Object.hasOwn(auth.tenancy.config.auth.oauth.providers, input.providerId) ? auth.tenancy.config.auth.oauth.providers[input.providerId] : undefined;
  if (!entry?.type || !entry.allowConnectedAccounts) throw new KnownErrors.OAuthProviderNotFoundOrNotEnabled();
  const provider = await providerClient(auth.tenancy.config, input.providerId, services.config.oauth);
  // Tokens issued under the shared development keys belong to the deployment's app at the provider, not the project's.
  if (provider.usesSharedKeys) throw new KnownErrors.OAuthAccessTokenNotAvailableWithSharedOAuthKeys();
  const accounts = connectedOf(await listUserAccounts(services.db, auth.tenancy, userId)).filter(
    (row) => row.providerConfigId === input.providerId && (input.providerAccountId === undefined || row.providerAccountId === input.providerAccountId),
  );
  const account = accounts.at(-1);
  if (!account) throw new KnownErrors.OAuthConnectionNotConnectedToUser();
  return await connectedAccessToken(services.db, auth.tenancy, serverSecretOf(services), {
    provider,
    oauthAccountId: account.id,
    wantedScopes: splitScopes(input.scope),
  });
}

const providerParam = () => z.string().min(1).max(256);

export const connectedAccountRoutes = [
  defineRoute({
    method: "get",
    path: "/connected-accounts/:user_id",
    summary: "The provider accounts a user has connected for access tokens",
    tags,
    access: ANY_ACCESS,
    params: z.object({ user_id: userIdOrMe() }).strict(),
    response: {
      status: 200,
      description: "The connected accounts",
      schema: z
        .object({
          items: z.array(z.object({ user_id: z.string().uuid(), provider: z.string(), provider_account_id: z.string() }).strict()),
          is_paginated: z.literal(false),
        })
        .strict(),
    },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist],
    handler: async ({ c, services, auth, params }) => {
      const userId = await accountOwner(services, auth, params.user_id);
      const rows = connectedOf(await listUserAccounts(services.db, auth.tenancy, userId));
      return c.json({
        items: rows.map((row) => ({ user_id: row.userId, provider: row.providerConfigId, provider_account_id: row.providerAccountId })),
        is_paginated: false as const,
      });
    },
  }),
  defineRoute({
    method: "post",
    path: "/connected-accounts/:user_id/:provider_id/access-token",
    summary: "A provider access token of a connected account, with the scopes asked for",
    tags,
    access: ANY_ACCESS,
    params: z.object({ user_id: userIdOrMe(), provider_id: providerParam() }).strict(),
    body: accessTokenBody,
    response: { status: 201, description: "The access token", schema: accessTokenResponse },
    errors: accessTokenErrors,
    handler: async ({ c, services, auth, params, body }) =>
      c.json({ access_token: await accessToken(services, auth, { userId: params.user_id, providerId: params.provider_id, scope: body.scope }) }, 201),
  }),
  defineRoute({
    method: "post",
    path: "/connected-accounts/:user_id/:provider_id/:provider_account_id/access-token",
    summary: "A provider access token of one specific connected account",
    tags,
    access: ANY_ACCESS,
    params: z.object({ user_id: userIdOrMe(), provider_id: providerParam(), provider_account_id: z.string().min(1).max(512) }).strict(),
    body: accessTokenBody,
    response: { status: 201, description: "The access token", schema: accessTokenResponse },
    errors: accessTokenErrors,
    handler: async ({ c, services, auth, params, body }) =>
      c.json(
        {
          access_token: await accessToken(services, auth, {
            userId: params.user_id,
            providerId: params.provider_id,
            providerAccountId: params.provider_account_id,
            scope: body.scope,
          }),
        },
        201,
      ),
  }),
  defineRoute({
    method: "post",
    path: "/auth/oauth/connected-accounts/:provider_id/access-token",
    summary: "Deprecated: the signed-in user's connected-account access token",
    tags,
    access: ANY_ACCESS,
    params: z.object({ provider_id: providerParam() }).strict(),
    body: accessTokenBody,
    response: { status: 201, description: "The access token", schema: accessTokenResponse },
    errors: accessTokenErrors,
    handler: async ({ c, services, auth, params, body }) =>
      c.json({ access_token: await accessToken(services, auth, { userId: "me", providerId: params.provider_id, scope: body.scope }) }, 201),
  }),
];
