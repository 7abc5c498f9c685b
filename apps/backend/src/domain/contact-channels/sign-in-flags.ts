import { and, eq, ne } from "drizzle-orm";
import { type Tx, pgErrorCode } from "../../db/client";
import { contactChannels } from "../../db/schema";

export type SignInFlags = { usedForAuth: boolean; useForAuthWhenVerified: boolean };

/**
 * Whether an address signs in now, or only once verified. An address a signed-in user attaches to themselves is only
 * claimed, not proven: were it a sign-in address at once, anyone could take a stranger's address first, lock its owner
 * out of signing up and hand them an account the claimant still controls. So it waits for verification, signing nobody
 * in and blocking nobody. Servers vouch for the addresses they set.
 */
export function signInFlagsFor(wantsAuth: boolean, input: { isVerified: boolean; claimedByUser: boolean }): SignInFlags {
  if (!wantsAuth) return { usedForAuth: false, useForAuthWhenVerified: false };
  if (input.claimedByUser && !input.isVerified) return { usedForAuth: false, useForAuthWhenVerified: true };
  return { usedForAuth: true, useForAuthWhenVerified: false };
}

/** Another user's sign-in channel with this (normalised) address, if any. */
export async function findOtherSignInChannel(tx: Tx, input: { tenancyId: string; userId: string; value: string }) {
  const [row] = await tx
    .select({ id: contactChannels.id, isVerified: contactChannels.isVerified })
    .from(contactChannels)
    .where(
      and(
        eq(contactChannels.tenancyId, input.tenancyId),
        eq(contactChannels.type, "email"),
        eq(contactChannels.value, input.value),
        eq(contactChannels.usedForAuth, true),
        ne(contactChannels.userId, input.userId),
      ),
    );
  return row ?? null;
}

/**
 * A verified address its user asked to sign in with becomes a sign-in address. Another account that holds it without
 * having verified it gives way: an unproven claim never outranks the owner. A verified holder keeps it.
 */
export async function activateRequestedSignIn(tx: Tx, channel: { id: string; tenancyId: string; userId: string; value: string }): Promise<void> {
  const ours = and(eq(contactChannels.id, channel.id), eq(contactChannels.useForAuthWhenVerified, true));
  try {
    // A savepoint: a verification of the same address that commits first makes this one lose on the unique index.
    await tx.transaction(async (savepoint) => {
      const other = await findOtherSignInChannel(savepoint, channel);
      if (other && !other.isVerified) await savepoint.update(contactChannels).set({ usedForAuth: false }).where(eq(contactChannels.id, other.id));
      const flags = other?.isVerified ? { useForAuthWhenVerified: false } : { usedForAuth: true, useForAuthWhenVerified: false };
      await savepoint.update(contactChannels).set(flags).where(ours);
    });
  } catch (error) {
    if (pgErrorCode(error) !== "23505") throw error;
    // The other verification won: this address stays verified, and is not a sign-in address.
    await tx.update(contactChannels).set({ useForAuthWhenVerified: false }).where(ours);
  }
}
