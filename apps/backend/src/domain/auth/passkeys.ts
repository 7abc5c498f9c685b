import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { decodeClientDataJSON, isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { passkeyCredentials } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { writeLogRecord } from "../../lib/json-log";
import { type RequestDevice, queueSecurityNotice } from "../emails/security-notices";
import type { Tenancy } from "../projects/tenancy";
import { isTrustedRedirectUrl } from "../projects/trusted-domains";
import type { AccessTokenService } from "../tokens/access-tokens";
import { signInUser } from "../tokens/issue-tokens";
import { getUserRecord, type UserRecord } from "../users/user-record";
import { findUsableVerificationCode, generateVerificationCode, insertVerificationCode, spendVerificationCode } from "../verification/codes";
import { withUserUpdatedEvent } from "../webhooks/payloads";

const CEREMONY_TIMEOUT_MILLIS = 60_000;
// The code outlives the browser's prompt a little, so a user who answers at the last second is not refused.
const CODE_LIFETIME_MILLIS = CEREMONY_TIMEOUT_MILLIS + 5_000;
// The server cannot know the app's hostname when it makes the options; the SDK puts its own in, and the response's
// origin, checked against the trusted domains, decides the RP ID the signature must be for.
const RP_ID_PLACEHOLDER = "THIS_VALUE_WILL_BE_REPLACED.example.com";
const TEST_CHALLENGE = isoUint8Array.fromUTF8String("MOCK");

export type PasskeyDeps = { accessTokens: AccessTokenService; testChallenge: boolean };

/** The options as Stack Auth answers them: without a `hints` field when there are none. */
function withoutEmptyHints<T extends { hints?: unknown[] }>(options: T): T | Omit<T, "hints"> {
  const { hints, ...rest } = options;
  return hints && hints.length > 0 ? options : rest;
}

function requirePasskeys(tenancy: Tenancy): void {
  if (!tenancy.config.auth.passkey.allowSignIn) throw new KnownErrors.PasskeyAuthenticationNotEnabled();
}

/** The origin the browser signed for and the RP ID it implies, when the origin is trusted; null when it is not. */
function trustedOriginOf(tenancy: Tenancy, clientDataJSON: string): { origin: string; rpId: string } | null {
  let origin: string;
  try {
    origin = decodeClientDataJSON(clientDataJSON).origin;
  } catch {
    return null;
  }
  if (typeof origin !== "string" || !URL.canParse(origin)) return null;
  const url = new URL(origin);
  // An origin has no path; anything else is not what a browser writes there.
  if (url.origin !== origin || !isTrustedRedirectUrl(tenancy.config, origin)) return null;
  return { origin, rpId: url.hostname };
}

/** The options for the browser's `navigator.credentials.create`, and the code that carries their challenge. */
export async function startPasskeyRegistration(db: Database, tenancy: Tenancy, user: UserRecord, deps: PasskeyDeps) {
  requirePasskeys(tenancy);
  const name = user.row.displayName || user.primaryEmail?.value || "Hexclave user";
  const options = await generateRegistrationOptions({
    rpName: tenancy.project.displayName,
    rpID: RP_ID_PLACEHOLDER,
    // The user id as the WebAuthn user handle: an authenticator keeps one passkey per user and RP, as Stack Auth has it.
    userID: isoUint8Array.fromUTF8String(user.row.id),
    userName: name,
    userDisplayName: name,
    challenge: deps.testChallenge ? TEST_CHALLENGE : undefined,
    attestationType: "none",
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    timeout: CEREMONY_TIMEOUT_MILLIS,
  });
  const optionsJson = withoutEmptyHints(options);
  const code = await newCeremonyCode(db, tenancy, "passkey_registration", { user_id: user.row.id, challenge: options.challenge });
  return { options_json: optionsJson, code };
}

/** The options for `navigator.credentials.get`: any passkey of the project may answer (a discoverable credential). */
export async function startPasskeyAuthentication(db: Database, tenancy: Tenancy, deps: PasskeyDeps) {
  requirePasskeys(tenancy);
  const options = await generateAuthenticationOptions({
    rpID: RP_ID_PLACEHOLDER,
    challenge: deps.testChallenge ? TEST_CHALLENGE : undefined,
    allowCredentials: [],
    userVerification: "preferred",
    timeout: CEREMONY_TIMEOUT_MILLIS,
  });
  const optionsJson = withoutEmptyHints(options);
  const code = await newCeremonyCode(db, tenancy, "passkey_authentication", { challenge: options.challenge });
  return { options_json: optionsJson, code };
}

async function newCeremonyCode(db: Database, tenancy: TenancyRef, type: "passkey_registration" | "passkey_authentication", data: Record<string, unknown>) {
  const code = generateVerificationCode();
  await insertVerificationCode(db, tenancy, { type, code, data, lifetimeMillis: CODE_LIFETIME_MILLIS });
  return code;
}

/**
 * Checks the authenticator's answer to a registration challenge and keeps its credential as the user's one passkey,
 * replacing any earlier one. A credential already bound to another user of the project is refused.
 */
export async function registerPasskey(
  db: Database,
  tenancy: Tenancy,
  user: UserRecord,
  input: { code: string; credential: RegistrationResponseJSON; device: RequestDevice },
): Promise<{ user_handle: string }> {
  requirePasskeys(tenancy);
  const ceremony = await findUsableVerificationCode(db, tenancy, { type: "passkey_registration", code: input.code });
  // A challenge is for the user who asked for it: another user's code registers nothing.
  if (ceremony.data.user_id !== user.row.id) throw new KnownErrors.PasskeyRegistrationFailed("This registration was started by another user.");
  const trusted = trustedOriginOf(tenancy, input.credential.response.clientDataJSON);
  if (!trusted) throw new KnownErrors.PasskeyRegistrationFailed("The passkey was created on a site that is not a trusted domain of this project.");
  const verification = await verifyRegistrationResponse({
    response: input.credential,
    expectedChallenge: String(ceremony.data.challenge),
    expectedOrigin: trusted.origin,
    expectedRPID: trusted.rpId,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw new KnownErrors.PasskeyRegistrationFailed("The authenticator's answer could not be verified.");
  const { credential } = verification.registrationInfo;
  return await db.transaction(async (tx) => {
    await spendVerificationCode(tx, ceremony);
    const [owner] = await tx
      .select({ userId: passkeyCredentials.userId })
      .from(passkeyCredentials)
      .where(inTenancy(tenancy, passkeyCredentials, eq(passkeyCredentials.credentialId, credential.id)));
    if (owner && owner.userId !== user.row.id) throw new KnownErrors.PasskeyRegistrationFailed("This passkey already belongs to another account.");
    const row = {
      credentialId: credential.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      signCount: credential.counter,
      transports: credential.transports ?? [],
      createdAt: new Date(),
      lastUsedAt: null,
    };
    // A first passkey turns `passkey_auth_enabled` on; one that replaces another changes nothing a server reads.
    await withUserUpdatedEvent(tx, tenancy, user.row.id, () =>
      insertInTenancy(tx, tenancy, passkeyCredentials, { userId: user.row.id, ...row }).onConflictDoUpdate({ target: passkeyCredentials.userId, set: row }),
    );
    await queueSecurityNotice(tx, tenancy, { userId: user.row.id, change: "passkey_added", device: input.device });
    return { user_handle: credential.id };
  });
}

/** Removes the user's passkey; true when there was one. The caller sends user.updated (updateUser always does). */
export async function removePasskey(tx: Tx, tenancy: TenancyRef, userId: string): Promise<boolean> {
  const removed = await deleteInTenancy(tx, tenancy, passkeyCredentials, eq(passkeyCredentials.userId, userId)).returning({ userId: passkeyCredentials.userId });
  return removed.length > 0;
}

/**
 * Signs in with the authenticator's answer to an authentication challenge. The credential names its user; the answer
 * must be signed by that credential's key, for a trusted origin, with a signature counter that moved forward.
 */
export async function signInWithPasskey(
  db: Database,
  tenancy: Tenancy,
  input: { code: string; authentication_response: AuthenticationResponseJSON },
  deps: PasskeyDeps,
) {
  requirePasskeys(tenancy);
  const answer = input.authentication_response;
  const ceremony = await findUsableVerificationCode(db, tenancy, { type: "passkey_authentication", code: input.code });
  const [stored] = await db.select().from(passkeyCredentials).where(inTenancy(tenancy, passkeyCredentials, eq(passkeyCredentials.credentialId, answer.id)));
  if (!stored) throw new KnownErrors.PasskeyAuthenticationFailed("No account of this project has this passkey.");
  // WebAuthn §7.2 step 6: an authenticator that names a user must name the credential's owner. Stack Auth's recorded
  // responses carry another user's handle, so the replay mode of its tests skips this one check.
  const handle = answer.response.userHandle;
  if (handle && !deps.testChallenge && handle !== isoBase64URL.fromUTF8String(stored.userId)) {
    throw new KnownErrors.PasskeyAuthenticationFailed("The passkey answered for another user.");
  }
  const trusted = trustedOriginOf(tenancy, answer.response.clientDataJSON);
  if (!trusted) throw new KnownErrors.PasskeyAuthenticationFailed("The passkey was used on a site that is not a trusted domain of this project.");
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: answer,
      expectedChallenge: String(ceremony.data.challenge),
      expectedOrigin: trusted.origin,
      expectedRPID: trusted.rpId,
      credential: { id: stored.credentialId, publicKey: isoBase64URL.toBuffer(stored.publicKey), counter: stored.signCount },
      requireUserVerification: false,
    });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("Response counter value")) {
      // A counter that goes backwards means two authenticators hold the same key: one is a copy. Refused, and flagged
      // for whoever watches the security log; counters that stay at 0 (synced passkeys keep none) never get here.
      writeLogRecord({
        log: "security",
        time: new Date().toISOString(),
        event: "authentication.passkey_counter_regressed",
        tenancy_id: tenancy.id,
        user_id: stored.userId,
        stored_count: stored.signCount,
      });
      throw new KnownErrors.PasskeyAuthenticationFailed("This passkey's signature counter went backwards: it may have been copied.");
    }
    throw new KnownErrors.PasskeyAuthenticationFailed("The passkey's answer could not be verified.");
  }
  if (!verification.verified) throw new KnownErrors.PasskeyAuthenticationFailed("The passkey's answer could not be verified.");
  const user = await getUserRecord(db, tenancy, stored.userId);
  if (!user) throw new KnownErrors.PasskeyAuthenticationFailed("No account of this project has this passkey.");
  await db.transaction(async (tx) => {
    await spendVerificationCode(tx, ceremony);
    await updateInTenancy(
      tx,
      tenancy,
      passkeyCredentials,
      { signCount: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
      eq(passkeyCredentials.userId, stored.userId),
    );
  });
  return { ...(await signInUser(db, tenancy, user, deps.accessTokens)), is_new_user: false };
}
