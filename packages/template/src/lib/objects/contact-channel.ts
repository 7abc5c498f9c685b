import type { ClientInterface, ContactChannelJson, InternalSession, KnownError } from "@stackframe/stack-shared";

/** One email address of the signed-in user. */
export type ContactChannel = {
  readonly id: string;
  readonly value: string;
  readonly type: "email";
  readonly isPrimary: boolean;
  readonly isVerified: boolean;
  readonly usedForAuth: boolean;
  /** Mails a verification link to this address; returns the known error when refused (e.g. already verified). */
  sendVerificationEmail(options?: { callbackUrl?: string }): Promise<KnownError | undefined>;
  update(data: { value?: string; usedForAuth?: boolean; isPrimary?: boolean }): Promise<void>;
  delete(): Promise<void>;
};

export type ContactChannelCreateOptions = { value: string; type: "email"; usedForAuth: boolean; isPrimary?: boolean };

export type ContactChannelDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  /** The absolute URL the verification link opens, from an explicit one or the app's `urls.emailVerification`. */
  verificationCallbackUrl(explicit?: string): string;
};

/** The fields every view of a contact channel has, the user's own and the server's. */
export function contactChannelFieldsFromJson(json: ContactChannelJson) {
  return {
    id: json.id,
    value: json.value,
    type: json.type,
    isPrimary: json.is_primary,
    isVerified: json.is_verified,
    usedForAuth: json.used_for_auth,
  };
}
