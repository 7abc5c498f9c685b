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
