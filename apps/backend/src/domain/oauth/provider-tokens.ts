import { KnownErrors } from "@stackframe/stack-shared";
import { desc, eq, isNull } from "drizzle-orm";
import * as oidc from "openid-client";
import type { Tx } from "../../db/client";
import { oauthProviderTokens } from "../../db/schema";
import { type TenancyRef, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { openSealedString, sealString } from "../../lib/crypto";
import type { ProviderClient } from "./provider-client";

const SEAL_PURPOSE = "oauth-provider-token";
// An access token this close to its expiry is refreshed instead of handed out.
const EXPIRY_MARGIN_MS = 60_000;

export type ProviderTokens = { accessToken: string; refreshToken: string | null; scopes: string[]; expiresAt: Date | null };

export function splitScopes(scope: string | undefined | null): string[] {
  return [...new Set((scope ?? "").split(/[\s,]+/).filter(Boolean))];
}

/** The tokens of a token response, with the scopes the provider says it granted (or those asked for, if it says none). */
export function tokensOf(response: oidc.TokenEndpointResponse, askedScopes: string[], previousRefreshToken: string | null = null): ProviderTokens {
  const granted = splitScopes(response.scope);
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    scopes: granted.length > 0 ? granted : askedScopes,
    expiresAt: typeof response.expires_in === "number" ? new Date(Date.now() + response.expires_in * 1000) : null,
  };
}

export async function storeProviderTokens(db: Tx, tenancy: TenancyRef, secret: string, oauthAccountId: string, tokens: ProviderTokens): Promise<void> {
  await insertInTenancy(db, tenancy, oauthProviderTokens, {
    oauthAccountId,
    accessToken: sealString(secret, SEAL_PURPOSE, tokens.accessToken),
    refreshToken: tokens.refreshToken === null ? null : sealString(secret, SEAL_PURPOSE, tokens.refreshToken),
    scopes: tokens.scopes,
    accessTokenExpiresAt: tokens.expiresAt,
  });
}

const hasScopes = (granted: string[], wanted: string[]) => wanted.every((scope) => granted.includes(scope));

/**
 * A provider access token for a linked account with at least `wantedScopes`: a stored one that has not expired, or a
 * fresh one from the newest refresh token that covers the scopes. A refresh token the provider refuses is never tried
 * again.
 */
export async function connectedAccessToken(
  db: Tx,
  tenancy: TenancyRef,
  secret: string,
  input: { provider: ProviderClient; oauthAccountId: string; wantedScopes: string[] },
): Promise<string> {
  const rows = await db
    .select()
    .from(oauthProviderTokens)
    .where(inTenancy(tenancy, oauthProviderTokens, eq(oauthProviderTokens.oauthAccountId, input.oauthAccountId), isNull(oauthProviderTokens.refreshRefusedAt)))
    .orderBy(desc(oauthProviderTokens.createdAt));
  const covering = rows.filter((row) => hasScopes(row.scopes, input.wantedScopes));
  if (covering.length === 0) throw new KnownErrors.OAuthConnectionDoesNotHaveRequiredScope();
  const fresh = covering.find((row) => row.accessTokenExpiresAt === null || row.accessTokenExpiresAt.getTime() - EXPIRY_MARGIN_MS > Date.now());
  const freshToken = fresh && openSealedString(secret, SEAL_PURPOSE, fresh.accessToken);
  if (freshToken) return freshToken;

  for (const row of covering) {
    const refreshToken = row.refreshToken && openSealedString(secret, SEAL_PURPOSE, row.refreshToken);
    if (!refreshToken) continue;
    let response: Awaited<ReturnType<typeof oidc.refreshTokenGrant>>;
    try {
      response = await oidc.refreshTokenGrant(input.provider.client, refreshToken);
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError) {
        // The provider refused this refresh token (revoked, expired): mark it and try an older one.
        await updateInTenancy(db, tenancy, oauthProviderTokens, { refreshRefusedAt: new Date() }, eq(oauthProviderTokens.id, row.id));
        continue;
      }
      throw new KnownErrors.OAuthAccessTokenNotAvailable(input.provider.configId, "the provider could not be reached to refresh the token.");
    }
    await storeProviderTokens(db, tenancy, secret, input.oauthAccountId, tokensOf(response, row.scopes, refreshToken));
    return response.access_token;
  }
  throw new KnownErrors.OAuthAccessTokenNotAvailable(input.provider.configId, "the stored tokens have expired and the provider gave no way to refresh them; connect the account again.");
}
