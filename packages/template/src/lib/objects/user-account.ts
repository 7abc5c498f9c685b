import type { ClientInterface, InternalSession, KnownError, UserJson } from "@stackframe/stack-shared";
import { deleteCurrentUser, sendVerificationEmail, setPassword, updatePassword } from "@stackframe/stack-shared/client-calls";
import { knownErrorOrUndefined } from "../result.js";

// The signed-in user's password, email verification and account deletion; user.ts loads this on the first call.

export type UserAccountMethods = {
  /** Changes the password; every other session of the user ends. Returns the known error when refused. */
  updatePassword(options: { oldPassword: string; newPassword: string }): Promise<KnownError | undefined>;
  /** Gives a password to an account without one. Returns the known error when refused. */
  setPassword(options: { password: string }): Promise<KnownError | undefined>;
  /** Mails a verification link for the primary email; returns the known error when refused (e.g. already verified). */
  sendVerificationEmail(options?: { callbackUrl?: string }): Promise<KnownError | undefined>;
  delete(): Promise<void>;
};

/** What of the user's deps (CurrentUserDeps in user.ts) these methods use. */
export type UserAccountDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  onUpdated(json: UserJson | null): void;
  verificationCallbackUrl(explicit?: string): string;
};

export function userAccountMethods(json: UserJson, { iface, getSession, onUpdated, verificationCallbackUrl }: UserAccountDeps): UserAccountMethods {
  const { http } = iface;
  return {
    updatePassword: ({ oldPassword, newPassword }) =>
      knownErrorOrUndefined(async () => updatePassword(http, { old_password: oldPassword, new_password: newPassword }, await getSession())),
    // Re-read after setting a password, so hasPassword is current.
    setPassword: async ({ password }) => {
      const error = await knownErrorOrUndefined(async () => setPassword(http, { password }, await getSession()));
      const next = error ? null : await iface.getCurrentUser(await getSession());
      if (next) onUpdated(next);
      return error;
    },
    sendVerificationEmail: (options = {}) =>
      knownErrorOrUndefined(async () => sendVerificationEmail(http, json.primary_email ?? "", verificationCallbackUrl(options.callbackUrl), await getSession())),
    delete: async () => {
      const session = await getSession();
      await deleteCurrentUser(http, session);
      session.markInvalid();
      onUpdated(null);
    },
  };
}
