import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import {
  createContactChannel,
  deleteContactChannel,
  getContactChannel,
  listContactChannels,
  requireContactChannel,
  toContactChannelJson,
  updateContactChannel,
} from "../domain/contact-channels/contact-channels";
import { checkEmailVerificationCode, queueEmailVerification, verifyEmailWithCode } from "../domain/contact-channels/verification";
import { requireTrustedCallbackUrl } from "../domain/emails/code-emails";
import { mayQueueEmail } from "../domain/emails/send-limits";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { strictEmail, userIdOrMe, uuid, z } from "../lib/zod";
import { requireUserAsRequestPart, resolveUserId } from "./auth-helpers";
import { clientIpOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { contactChannelListResponse, contactChannelResponse } from "./schemas/contact-channels";
import { codeIsValidResponse, successResponse } from "./schemas/common";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { ANY_ACCESS } from "./route-policy";

const tags = ["Contact channels"];
const channelParams = z.object({ user_id: userIdOrMe(), contact_channel_id: uuid() }).strict();
const verificationCode = () => z.string().length(45);
const callbackUrl = () => z.string().url().max(2048);

const foreignUser = () => new StatusError(403, "Client can only manage their own contact channels.");

/** The channel a change or removal is about. Stack Auth's API answers an unknown one here with a plain-text 400, not the read's 404. */
async function requireChannelToChange(db: Parameters<typeof getContactChannel>[0], auth: Auth, userId: string, channelId: string) {
  const channel = await getContactChannel(db, auth.tenancy, userId, channelId.toLowerCase());
  if (!channel) throw new StatusError(400, "Contact channel not found");
  return channel;
}

/** The user a request may act on: clients only on themselves (a plain-text error, as in Stack Auth's API). */
async function targetUserId(auth: Auth, userId: string, services: { db: Parameters<typeof getUserRecord>[0] }, foreign = foreignUser): Promise<string> {
  const id = resolveUserId(auth, userId);
  if (auth.type === "client") {
    if (id !== auth.user?.row.id) throw foreign();
    return id;
  }
  if (!(await getUserRecord(services.db, auth.tenancy, id))) throw new KnownErrors.UserIdDoesNotExist(id);
  return id;
}

const channelFields = {
  value: strictEmail(),
  type: z.literal("email"),
  used_for_auth: z.boolean(),
  is_primary: z.boolean().optional(),
};

export const contactChannelRoutes = [
  defineRoute({
    method: "post",
    path: "/contact-channels",
    summary: "Add a contact channel to a user",
    tags,
    access: ANY_ACCESS,
    body: z.object({ user_id: userIdOrMe(), ...channelFields, is_verified: z.boolean().optional() }).strict(),
    clientBody: z.object({ user_id: userIdOrMe(), ...channelFields }).strict(),
    response: { status: 201, description: "The contact channel", schema: contactChannelResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist, KnownErrors.ContactChannelAlreadyUsedForAuthBySomeoneElse],
    handler: async ({ c, services, auth, body }) => {
      const userId = await targetUserId(auth, body.user_id, services);
      const row = await createContactChannel(services.db, auth.tenancy, {
        userId,
        value: body.value,
        usedForAuth: body.used_for_auth,
        isPrimary: body.is_primary,
        isVerified: auth.type === "client" ? false : body.is_verified,
        claimedByUser: auth.type === "client",
      });
      return c.json(toContactChannelJson(row), 201);
    },
  }),
  defineRoute({
    method: "get",
    path: "/contact-channels",
    summary: "A user's contact channels (servers may list the whole project's)",
    tags,
    access: ANY_ACCESS,
    query: z.object({ user_id: userIdOrMe().optional(), contact_channel_id: uuid().optional() }).strict(),
    response: { status: 200, description: "The contact channels", schema: contactChannelListResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query }) => {
      if (auth.type === "client" && query.user_id === undefined) throw new StatusError(403, "Client must list their own contact channels (user_id=me).");
      const userId = query.user_id === undefined ? undefined : resolveUserId(auth, query.user_id);
      if (auth.type === "client" && userId !== auth.user?.row.id) throw new StatusError(403, "Client can only list their own contact channels.");
      const rows = await listContactChannels(services.db, auth.tenancy, { userId, contactChannelId: query.contact_channel_id?.toLowerCase() });
      return c.json({ items: rows.map(toContactChannelJson), is_paginated: false });
    },
  }),
  defineRoute({
    method: "get",
    path: "/contact-channels/:user_id/:contact_channel_id",
    summary: "One contact channel",
    tags,
    access: ANY_ACCESS,
    params: channelParams,
    response: { status: 200, description: "The contact channel", schema: contactChannelResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist],
    handler: async ({ c, services, auth, params }) => {
      const userId = await targetUserId(auth, params.user_id, services);
      return c.json(toContactChannelJson(await requireContactChannel(services.db, auth.tenancy, userId, params.contact_channel_id.toLowerCase())));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/contact-channels/:user_id/:contact_channel_id",
    summary: "Change a contact channel",
    tags,
    access: ANY_ACCESS,
    params: channelParams,
    body: z.object({ ...z.object(channelFields).partial().shape, is_verified: z.boolean().optional() }).strict(),
    clientBody: z.object(channelFields).partial().strict(),
    response: { status: 200, description: "The contact channel", schema: contactChannelResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist, KnownErrors.ContactChannelAlreadyUsedForAuthBySomeoneElse],
    handler: async ({ c, services, auth, params, body }) => {
      const userId = await targetUserId(auth, params.user_id, services);
      const existing = await requireChannelToChange(services.db, auth, userId, params.contact_channel_id);
      const row = await updateContactChannel(services.db, auth.tenancy, existing, {
        value: body.value,
        usedForAuth: body.used_for_auth,
        isPrimary: body.is_primary,
        isVerified: auth.type === "client" ? undefined : body.is_verified,
        claimedByUser: auth.type === "client",
      });
      return c.json(toContactChannelJson(row));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/contact-channels/:user_id/:contact_channel_id",
    summary: "Remove a contact channel",
    tags,
    access: ANY_ACCESS,
    params: channelParams,
    response: { status: 200, description: "Removed", schema: successResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist],
    handler: async ({ c, services, auth, params }) => {
      const userId = await targetUserId(auth, params.user_id, services);
      await deleteContactChannel(services.db, auth.tenancy, await requireChannelToChange(services.db, auth, userId, params.contact_channel_id));
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/contact-channels/:user_id/:contact_channel_id/send-verification-code",
    summary: "Email a verification link to a contact channel",
    tags,
    access: ANY_ACCESS,
    params: channelParams,
    body: z.object({ callback_url: callbackUrl() }).strict(),
    response: { status: 200, description: "Queued", schema: successResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserIdDoesNotExist, KnownErrors.EmailAlreadyVerified, KnownErrors.RedirectUrlNotWhitelisted],
    handler: async ({ c, services, auth, params, body }) => {
      // Stack Auth's API answers this route's foreign user with a 400, not the 403 of the others.
      const foreign = () => new StatusError(400, "Can only send verification code for your own user");
      requireTrustedCallbackUrl(auth.tenancy, body.callback_url);
      const userId = await targetUserId(auth, params.user_id, services, foreign);
      const channel = await requireContactChannel(services.db, auth.tenancy, userId, params.contact_channel_id.toLowerCase());
      if (channel.isVerified) throw new KnownErrors.EmailAlreadyVerified();
      if (await mayQueueEmail(services.db, auth.tenancy, { address: channel.value, clientIp: clientIpOf(c) }, services.config.email.rateLimits)) {
        await services.db.transaction((tx) => queueEmailVerification(tx, auth.tenancy, { userId, email: channel.value, callbackUrl: body.callback_url }));
      }
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/contact-channels/send-verification-code",
    summary: "Email a verification link to the signed-in user's primary email (deprecated; the SDK's sendVerificationEmail)",
    tags,
    access: ANY_ACCESS,
    body: z.object({ email: strictEmail(), callback_url: callbackUrl() }).strict(),
    response: { status: 200, description: "Queued", schema: successResponse },
    errors: [KnownErrors.RedirectUrlNotWhitelisted, KnownErrors.EmailIsNotPrimaryEmail, KnownErrors.EmailAlreadyVerified],
    handler: async ({ c, services, auth, body }) => {
      const user = requireUserAsRequestPart(c, auth);
      requireTrustedCallbackUrl(auth.tenancy, body.callback_url);
      const primary = user.primaryEmail;
      if (!primary || primary.value !== body.email.trim().toLowerCase()) throw new KnownErrors.EmailIsNotPrimaryEmail(body.email, primary?.value ?? null);
      if (primary.isVerified) throw new KnownErrors.EmailAlreadyVerified();
      const userId = user.row.id;
      if (await mayQueueEmail(services.db, auth.tenancy, { address: primary.value, clientIp: clientIpOf(c) }, services.config.email.rateLimits)) {
        await services.db.transaction((tx) => queueEmailVerification(tx, auth.tenancy, { userId, email: primary.value, callbackUrl: body.callback_url }));
      }
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/contact-channels/verify",
    summary: "Verify an email address with the code from its verification link",
    tags,
    access: ANY_ACCESS,
    body: z.object({ code: verificationCode() }).strict(),
    response: { status: 200, description: "Verified", schema: successResponse },
    errors: [...VERIFICATION_CODE_ERRORS],
    handler: async ({ c, services, auth, body }) => {
      await verifyEmailWithCode(services.db, auth.tenancy, body.code);
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/contact-channels/verify/check-code",
    summary: "Whether a verification code is valid, without using it",
    tags,
    access: ANY_ACCESS,
    body: z.object({ code: verificationCode() }).strict(),
    response: { status: 200, description: "Valid", schema: codeIsValidResponse },
    errors: [...VERIFICATION_CODE_ERRORS],
    handler: async ({ c, services, auth, body }) => {
      await checkEmailVerificationCode(services.db, auth.tenancy, body.code);
      return c.json({ is_code_valid: true });
    },
  }),
];
