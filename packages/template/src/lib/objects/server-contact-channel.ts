import type { ContactChannelJson, KnownError, ServerContactChannelCreateJson, ServerInterface } from "@stackframe/stack-shared";
import { knownErrorOrUndefined } from "../result.js";
import { type ContactChannel, type ContactChannelCreateOptions, contactChannelFieldsFromJson } from "./contact-channel.js";

/** What the server may change on any user's channel: the user's own fields, and whether it is verified. */
export type ServerContactChannelUpdateOptions = { value?: string; usedForAuth?: boolean; isPrimary?: boolean; isVerified?: boolean };

/** A channel the server adds to a user; `isVerified: true` skips the verification email (say, for an address you already checked). */
export type ServerContactChannelCreateOptions = ContactChannelCreateOptions & { isVerified?: boolean };

/**
 * One email address of any user, as the server sees it: a contact channel whose verified state the server may set.
 * @example
 * const [channel] = await user.listContactChannels();
 * await channel?.update({ isVerified: true });
 */
export type ServerContactChannel = Omit<ContactChannel, "update" | "sendVerificationEmail" | "delete"> & {
  /**
   * Changes the fields given; the others stay as they are.
   * @example await channel.update({ isPrimary: true, usedForAuth: true });
   */
  update(data: ServerContactChannelUpdateOptions): Promise<void>;
  /**
   * Mails a verification link to this address, opening `callbackUrl` (required outside a browser; it must be on a
   * trusted domain). Returns the known error when refused, such as `EMAIL_ALREADY_VERIFIED`.
   * @example
   * const error = await channel.sendVerificationEmail({ callbackUrl: "https://app.example.com/handler/email-verification" });
   */
  sendVerificationEmail(options?: { callbackUrl?: string }): Promise<KnownError | undefined>;
  /**
   * Removes the address from the user; they can no longer sign in with it.
   * @example await channel.delete();
   */
  delete(): Promise<void>;
};

export type ServerContactChannelDeps = {
  iface: ServerInterface;
  /** The absolute URL the verification link opens, from an explicit one or the app's `urls.emailVerification`. */
  verificationCallbackUrl(explicit?: string): string;
};

export function serverContactChannelCreateToJson(userId: string, options: ServerContactChannelCreateOptions): ServerContactChannelCreateJson {
  const json: ServerContactChannelCreateJson = { user_id: userId, type: options.type, value: options.value, used_for_auth: options.usedForAuth };
  if (options.isPrimary !== undefined) json.is_primary = options.isPrimary;
  if (options.isVerified !== undefined) json.is_verified = options.isVerified;
  return json;
}

export function serverContactChannelFromJson(json: ContactChannelJson, deps: ServerContactChannelDeps): ServerContactChannel {
  const { iface } = deps;
  return {
    ...contactChannelFieldsFromJson(json),
    update: async (data) => {
      await iface.updateServerContactChannel(json.user_id, json.id, {
        value: data.value,
        used_for_auth: data.usedForAuth,
        is_primary: data.isPrimary,
        is_verified: data.isVerified,
      });
    },
    delete: () => iface.deleteServerContactChannel(json.user_id, json.id),
    sendVerificationEmail: (options = {}) =>
      knownErrorOrUndefined(async () => iface.sendServerContactChannelVerification(json.user_id, json.id, deps.verificationCallbackUrl(options.callbackUrl))),
  };
}
