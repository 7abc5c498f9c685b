import { createHash } from "node:crypto";
import type { Account, FindAccount } from "oidc-provider";

/** What the person typed on the sign-in page. */
export type MockProfile = { email: string; name?: string; emailVerified: boolean };

/** Trimmed and lower-cased, so "Ann@Example.com " and "ann@example.com" are one account, as at real providers. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The `sub` for an email: a hash, so it is stable across restarts and machines yet reveals nothing by its shape. */
export function accountIdForEmail(email: string): string {
  return `mock-${createHash("sha256").update(normalizeEmail(email)).digest("hex").slice(0, 32)}`;
}

/**
 * Profiles by account id, in memory like the rest of the provider's state. The latest sign-in wins: signing in again
 * with the same email but another name or verification state changes what that account's tokens report.
 */
export class AccountStore {
  readonly #profiles = new Map<string, MockProfile>();

  constructor(private readonly issuer: string) {}

  signIn(profile: MockProfile): string {
    const accountId = accountIdForEmail(profile.email);
    this.#profiles.set(accountId, { ...profile, email: normalizeEmail(profile.email) });
    return accountId;
  }

  profile(accountId: string): MockProfile | undefined {
    return this.#profiles.get(accountId);
  }

  /** oidc-provider's findAccount; which claims reach a client is decided by the scopes it was granted. */
  readonly findAccount: FindAccount = (_ctx, sub): Account | undefined => {
    const profile = this.#profiles.get(sub);
    if (!profile) return undefined;
    return {
      accountId: sub,
      claims: () => ({
        sub,
        email: profile.email,
        email_verified: profile.emailVerified,
        ...(profile.name ? { name: profile.name } : {}),
        // Served by this server, so the picture works without any outside network.
        picture: new URL(`/avatars/${sub}.svg`, this.issuer).href,
      }),
    };
  };
}

/** A round avatar with the profile's first letter; anything but a letter or digit becomes "?", so nothing needs escaping. */
export function avatarSvg(profile: MockProfile | undefined): string {
  const letter = (profile?.name || profile?.email || "?").charAt(0).toUpperCase();
  const safe = /^[\p{L}\p{N}]$/u.test(letter) ? letter : "?";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="#4f46e5"/><text x="48" y="62" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${safe}</text></svg>`;
}
