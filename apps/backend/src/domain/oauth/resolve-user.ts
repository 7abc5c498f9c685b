import { KnownErrors } from "@stackframe/stack-shared";
import type { Database, Tx } from "../../db/client";
import { StatusError } from "../../lib/status-error";
import { findSignInChannel } from "../contact-channels/contact-channels";
import type { Tenancy } from "../projects/tenancy";
import { createUser } from "../users/create-user";
import { upgradeAnonymousUser } from "../users/upgrade-anonymous";
import { getUserRecord } from "../users/user-record";
import type { OAuthFlow } from "./flows";
import { type OAuthAccountRow, findSignInAccount, linkAccount, listUserAccounts, refreshLinkedEmail } from "./linked-accounts";
import type { ProviderProfile } from "./presets";

export type OAuthOutcome = { userId: string; isNewUser: boolean; oauthAccountId: string };

/** What account resolution needs of a flow: a browser flow's record, or a native sign-in's equivalent. */
type Intent = Pick<OAuthFlow, "kind" | "userId" | "providerConfigId">;

async function linkToSignedInUser(tx: Tx, tenancy: Tenancy, flow: Intent, profile: ProviderProfile): Promise<OAuthOutcome> {
  const userId = flow.userId!;
  if (!(await getUserRecord(tx, tenancy, userId))) throw new StatusError(400, "The user this account was to be connected to no longer exists.");
  const signIn = await findSignInAccount(tx, tenancy, flow.providerConfigId, profile.accountId);
  if (signIn && signIn.userId !== userId) throw new KnownErrors.OAuthConnectionAlreadyConnectedToAnotherUser();
  const own = (await listUserAccounts(tx, tenancy, userId)).filter((row) => row.providerConfigId === flow.providerConfigId);
  const same = own.find((row) => row.providerAccountId === profile.accountId);
  if (same) {
    await refreshLinkedEmail(tx, tenancy, same, profile.email);
    return { userId, isNewUser: false, oauthAccountId: same.id };
  }
  // A second account of the same provider is connected for its tokens; only the first one signs the user in.
  const row = await linkAccount(tx, tenancy, userId, {
    providerConfigId: flow.providerConfigId,
    providerAccountId: profile.accountId,
    email: profile.email,
    allowSignIn: !own.some((other) => other.allowSignIn),
    allowConnectedAccounts: true,
  });
  return { userId, isNewUser: false, oauthAccountId: row.id };
}

/**
 * What an existing account with the provider's email means, by the project's merge strategy. An address is only ever
 * joined to an account when both sides vouch for it: the provider says it is verified and the account has verified
 * it. Otherwise someone who signed up with another person's address could collect that person's OAuth sign-in later.
 */
async function mergeByEmail(tx: Tx, tenancy: Tenancy, flow: Intent, profile: ProviderProfile): Promise<{ link: OAuthOutcome } | { duplicate: true } | null> {
  if (!profile.email) return null;
  const channel = await findSignInChannel(tx, tenancy, profile.email);
  if (!channel) return null;
  const strategy = tenancy.config.auth.oauth.accountMergeStrategy;
  if (strategy === "allow_duplicates") return { duplicate: true };
  if (strategy === "link_method" && channel.isVerified && profile.emailVerified) {
    const row = await linkAccount(tx, tenancy, channel.userId, {
      providerConfigId: flow.providerConfigId,
      providerAccountId: profile.accountId,
      email: profile.email,
      allowSignIn: true,
      allowConnectedAccounts: true,
    });
    return { link: { userId: channel.userId, isNewUser: false, oauthAccountId: row.id } };
  }
  const wouldWork = strategy === "link_method" && !channel.isVerified && profile.emailVerified;
  throw new KnownErrors.ContactChannelAlreadyUsedForAuthBySomeoneElse("email", channel.value, wouldWork);
}

async function signUp(tx: Tx, tenancy: Tenancy, flow: Intent, profile: ProviderProfile, duplicate: boolean): Promise<OAuthOutcome> {
  if (!tenancy.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  // An address the provider does not vouch for, or that another account signs in with, is kept but signs nobody in.
  const emailUsedForAuth = profile.emailVerified && !duplicate;
  const link = { providerConfigId: flow.providerConfigId, providerAccountId: profile.accountId, email: profile.email };
  if (flow.userId) {
    const upgraded = await upgradeAnonymousUser(tx, tenancy, flow.userId, {
      email: profile.email,
      emailVerified: profile.emailVerified,
      emailUsedForAuth,
      displayName: profile.displayName,
      profileImageUrl: profile.profileImageUrl,
      oauthAccount: { ...link, allowSignIn: true, allowConnectedAccounts: true },
    });
    if (upgraded) {
      const row = await findSignInAccount(tx, tenancy, link.providerConfigId, link.providerAccountId);
      return { userId: upgraded.row.id, isNewUser: true, oauthAccountId: row!.id };
    }
  }
  const { user } = await createUser(tx, tenancy, {
    primaryEmail: profile.email,
    primaryEmailVerified: profile.emailVerified,
    primaryEmailAuthEnabled: emailUsedForAuth,
    displayName: profile.displayName,
    profileImageUrl: profile.profileImageUrl,
    oauthAccounts: [link],
  });
  const [row] = (await listUserAccounts(tx, tenancy, user.row.id)) as OAuthAccountRow[];
  return { userId: user.row.id, isNewUser: true, oauthAccountId: row!.id };
}

async function resolve(tx: Tx, tenancy: Tenancy, flow: Intent, profile: ProviderProfile): Promise<OAuthOutcome> {
  if (flow.kind === "link") return await linkToSignedInUser(tx, tenancy, flow, profile);
  const existing = await findSignInAccount(tx, tenancy, flow.providerConfigId, profile.accountId);
  if (existing) {
    await refreshLinkedEmail(tx, tenancy, existing, profile.email);
    return { userId: existing.userId, isNewUser: false, oauthAccountId: existing.id };
  }
  const merged = await mergeByEmail(tx, tenancy, flow, profile);
  if (merged && "link" in merged) return merged.link;
  return await signUp(tx, tenancy, flow, profile, merged !== null);
}

/**
 * The user an OAuth callback signs in or connects, creating or linking what the project's rules allow; `then` runs in
 * the same transaction (storing the provider's tokens, issuing the app's code), so all of it lands or none does.
 */
export async function resolveOAuthUser<T>(
  db: Database,
  tenancy: Tenancy,
  flow: Intent,
  profile: ProviderProfile,
  then: (tx: Tx, outcome: OAuthOutcome) => Promise<T>,
): Promise<T> {
  return await db.transaction(async (tx) => await then(tx, await resolve(tx, tenancy, flow, profile)));
}
