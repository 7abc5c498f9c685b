import { KnownErrors } from "@stackframe/stack-shared";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { PRESETS, onOrigin, openIdProfile } from "../domain/oauth/presets";
import { resolveOAuthUser } from "../domain/oauth/resolve-user";
import type { ProjectConfig } from "../domain/projects/config";
import { signInUser } from "../domain/tokens/issue-tokens";
import { getUserRecord } from "../domain/users/user-record";
import { z } from "../lib/zod";
import type { Services } from "../services";
import { defineRoute } from "./define-route";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";
import { codeSignInResponse } from "./schemas/auth";

const APPLE = PRESETS.apple!.openId!;
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Apple's signing keys (or a test server's, where the apple preset is pointed elsewhere), fetched and cached by jose. */
function appleKeys(jwksUri: string) {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 });
    keySets.set(jwksUri, keys);
  }
  return keys;
}

function appleProvider(config: ProjectConfig) {
  const entry = Object.entries(config.auth.oauth.providers).find(([, provider]) => provider.type === "apple" && provider.allowSignIn);
  if (!entry) throw new KnownErrors.OAuthProviderNotFoundOrNotEnabled();
  const bundleIds = Object.values(entry[1].appleBundles).flatMap((bundle) => (bundle.bundleId ? [bundle.bundleId] : []));
  if (bundleIds.length === 0) throw new KnownErrors.AppleBundleIdNotConfigured();
  return { configId: entry[0], bundleIds };
}

/** The claims of an identity token Apple issued to one of the project's apps, or INVALID_APPLE_CREDENTIALS. */
async function verifiedAppleClaims(services: Services, idToken: string, bundleIds: string[]) {
  const origin = services.config.oauth.baseUrlOverrides.apple;
  try {
    const { payload } = await jwtVerify(idToken, appleKeys(onOrigin(APPLE.jwksUri, origin)), {
      issuer: origin ?? APPLE.issuer,
      audience: bundleIds,
      algorithms: ["RS256", "ES256"],
    });
    return payload as Record<string, unknown>;
  } catch {
    throw new KnownErrors.InvalidAppleCredentials();
  }
}

export const oauthAppleNativeRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/oauth/callback/apple/native",
    summary: "Sign in with an identity token from native Sign in with Apple",
    tags: ["OAuth"],
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ id_token: z.string().min(1).max(16_384) }).strict(),
    response: { status: 200, description: "The tokens of a new session", schema: codeSignInResponse },
    errors: [
      KnownErrors.OAuthProviderNotFoundOrNotEnabled,
      KnownErrors.AppleBundleIdNotConfigured,
      KnownErrors.InvalidAppleCredentials,
      KnownErrors.ContactChannelAlreadyUsedForAuthBySomeoneElse,
      KnownErrors.SignUpNotEnabled,
      KnownErrors.MultiFactorAuthenticationRequired,
    ],
    handler: async ({ c, services, auth, body }) => {
      const { configId, bundleIds } = appleProvider(auth.tenancy.config);
      const claims = await verifiedAppleClaims(services, body.id_token, bundleIds);
      // Apple sends email_verified as the string "true" in identity tokens.
      const profile = openIdProfile({ ...claims, email_verified: claims.email_verified === true || claims.email_verified === "true" });
      const anonymousId = auth.user?.row.isAnonymous ? auth.user.row.id : null;
      const outcome = await resolveOAuthUser(services.db, auth.tenancy, { kind: "authenticate", userId: anonymousId, providerConfigId: configId }, profile, async (_tx, result) => result);
      const user = await getUserRecord(services.db, auth.tenancy, outcome.userId);
      if (!user) throw new KnownErrors.InvalidAppleCredentials();
      const tokens = await signInUser(services.db, auth.tenancy, user, services.accessTokens);
      return c.json({ ...tokens, is_new_user: outcome.isNewUser });
    },
  }),
];
