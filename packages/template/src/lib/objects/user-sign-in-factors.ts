import type { ClientInterface, InternalSession, KnownError, UserJson } from "@stackframe/stack-shared";
import { generateRecoveryCodes, getRemainingRecoveryCodeCount } from "@stackframe/stack-shared/client-calls";
import { passkeyHostname, registerPasskey } from "../passkeys.js";
import { type Result, knownErrorResult } from "../result.js";

/** What the signed-in user can do with their passkey and the recovery codes of their two-factor sign-in. */
export type UserSignInFactorMethods = {
  /**
   * Makes a passkey with the browser and registers it for the user; it replaces the passkey the user had (one each).
   * `hostname` is the site the passkey is for, by default this page's. Remove it with `update({ passkeyAuthEnabled: false })`.
   * @example
   * const result = await user.registerPasskey();
   * if (result.status === "error") console.log(result.error.code); // PASSKEY_WEBAUTHN_ERROR when the user cancelled
   */
  registerPasskey(options?: { hostname?: string }): Promise<Result<undefined, KnownError>>;
  /**
   * Ten single-use codes that stand in for the authenticator app at sign-in (`app.signInWithRecoveryCode`). Every
   * earlier code stops working. Shown this once: the server keeps only digests. Needs two-factor sign-in on
   * (`MFA_NOT_ENABLED` otherwise); setting or removing the TOTP secret deletes the codes.
   */
  generateRecoveryCodes(): Promise<string[]>;
  /** How many of the user's recovery codes are still unused; 0 without two-factor sign-in. */
  getRemainingRecoveryCodeCount(): Promise<number>;
};

export type UserSignInFactorDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  onUpdated(json: UserJson | null): void;
};

export function userSignInFactorMethods({ iface, getSession, onUpdated }: UserSignInFactorDeps): UserSignInFactorMethods {
  return {
    registerPasskey: (options = {}) =>
      knownErrorResult(async () => {
        const session = await getSession();
        await registerPasskey(iface, session, passkeyHostname(options.hostname));
        // passkeyAuthEnabled is part of the user: read it again so pages show the passkey.
        onUpdated(await iface.getCurrentUser(session));
      }),
    generateRecoveryCodes: async () => generateRecoveryCodes(iface.http, await getSession()),
    getRemainingRecoveryCodeCount: async () => getRemainingRecoveryCodeCount(iface.http, await getSession()),
  };
}
