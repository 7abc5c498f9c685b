import { KnownError } from "@stackframe/stack-shared";

function numberDetail(error: KnownError, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = error.details?.[key];
    if (typeof value === "number") return value;
  }
  return undefined;
}

/** What to tell a visitor about any failed call: the API's message for known errors, nothing technical otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof KnownError) return error.message;
  // Network failures and bugs: the details belong in the console, not in the page.
  if (typeof reportError === "function") reportError(error);
  return "Something went wrong. Please try again.";
}

/** What to tell a visitor about a failed sign-in or sign-up; some API messages are written for developers. */
export function authErrorMessage(error: unknown): string {
  if (!(error instanceof KnownError)) return errorMessage(error);
  switch (error.code) {
    case "EMAIL_PASSWORD_MISMATCH":
      return "Wrong email or password.";
    case "INVALID_TOTP_CODE":
      return "That code is not right. Check the time on your device and try again.";
    case "TOO_MANY_SIGN_IN_ATTEMPTS":
      return error.message;
    case "PASSKEY_WEBAUTHN_ERROR":
      // The browser's error name: NotAllowedError for a prompt closed or timed out, InvalidStateError for an
      // authenticator that holds this account's passkey already.
      if (error.details?.code === "NotAllowedError") return "The passkey prompt was closed or timed out.";
      if (error.details?.code === "InvalidStateError") return "This device already holds a passkey for your account.";
      return "This browser could not use a passkey here. Try again, or sign in another way.";
    // The API's reasons (an unknown credential, a site the project does not trust, a copied key) are for developers,
    // who find them in the result's error; a visitor can only try another passkey or another way.
    case "PASSKEY_AUTHENTICATION_FAILED":
      return "This passkey does not sign in to an account here. Try another passkey, or sign in another way.";
    case "PASSKEY_REGISTRATION_FAILED":
      return "The passkey could not be added here. Try again, or use another device.";
    case "USER_EMAIL_ALREADY_EXISTS":
      return "An account with this email already exists.";
    case "PASSWORD_TOO_SHORT": {
      const min = numberDetail(error, "min_length", "minLength");
      return min === undefined ? "The password is too short." : `The password must be at least ${min} characters long.`;
    }
    case "PASSWORD_TOO_LONG": {
      // Stack Auth's API spells this detail maxLength, unlike min_length above; accept both.
      const max = numberDetail(error, "max_length", "maxLength");
      return max === undefined ? "The password is too long." : `The password must be at most ${max} characters long.`;
    }
    case "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE":
      // Only an account that proves it owns the address may be joined to a provider's sign-in for it.
      return error.details?.would_work_if_email_was_verified === true
        ? "An account with this email already exists. Sign in to it another way and verify the email; then this sign-in joins it."
        : "An account with this email already exists. Sign in to it another way first.";
    case "OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER":
      return "That account is already connected to another user.";
    case "OAUTH_PROVIDER_ACCESS_DENIED":
      return "The sign-in was cancelled at the provider.";
    case "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE":
      return "The provider could not be reached. Please try again in a moment.";
    case "SIGN_UP_NOT_ENABLED":
      return "New accounts cannot be created right now.";
    case "PASSWORD_AUTHENTICATION_NOT_ENABLED":
      return "Signing in with a password is not available for this app.";
    case "SCHEMA_ERROR":
      return "Please check the email address and password.";
    default:
      return error.message;
  }
}
