import type { ContactChannelJson } from "@stackframe/stack-shared";
import { createContactChannel, deleteContactChannel, listContactChannels, sendContactChannelVerification, updateContactChannel } from "@stackframe/stack-shared/client-calls";
import { knownErrorOrUndefined } from "../result.js";
import { type ContactChannel, type ContactChannelCreateOptions, type ContactChannelDeps, contactChannelFieldsFromJson } from "./contact-channel.js";

// The signed-in user's contact channels and what they do; user.ts loads this on the first call.

export type UserContactChannelMethods = {
  listContactChannels(): Promise<ContactChannel[]>;
  createContactChannel(options: ContactChannelCreateOptions): Promise<ContactChannel>;
};

export function userContactChannelMethods(deps: ContactChannelDeps): UserContactChannelMethods {
  const { iface, getSession } = deps;
  return {
    listContactChannels: async () => (await listContactChannels(iface.http, await getSession())).map((channel) => contactChannelFromJson(channel, deps)),
    createContactChannel: async ({ value, usedForAuth, isPrimary }) =>
      contactChannelFromJson(await createContactChannel(iface.http, { value, used_for_auth: usedForAuth, is_primary: isPrimary }, await getSession()), deps),
  };
}

export function contactChannelFromJson(json: ContactChannelJson, deps: ContactChannelDeps): ContactChannel {
  const { iface, getSession } = deps;
  return {
    ...contactChannelFieldsFromJson(json),
    sendVerificationEmail: (options = {}) =>
      knownErrorOrUndefined(async () =>
        sendContactChannelVerification(iface.http, json.id, deps.verificationCallbackUrl(options.callbackUrl), await getSession()),
      ),
    update: async (data) => {
      await updateContactChannel(iface.http, json.id, { value: data.value, used_for_auth: data.usedForAuth, is_primary: data.isPrimary }, await getSession());
    },
    delete: async () => deleteContactChannel(iface.http, json.id, await getSession()),
  };
}
