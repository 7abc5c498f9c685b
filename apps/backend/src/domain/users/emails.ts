import { StatusError } from "../../lib/status-error";

/** How emails are stored and compared: trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A primary email can only be verified or used to sign in when there is one. `email` is the address the user has once
 * the change is made (null when none); the flags are what it would be marked with. A plain-text 400, as in Stack
 * Auth's API.
 */
export function requirePrimaryEmailForFlags(email: string | null, flags: { verified: boolean; authEnabled: boolean }): void {
  if (email !== null) return;
  if (flags.authEnabled) throw new StatusError(400, "primary_email_auth_enabled cannot be true without a primary_email.");
  if (flags.verified) throw new StatusError(400, "primary_email_verified cannot be true without a primary_email.");
}
