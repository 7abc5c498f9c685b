import { codePointString, jsonValue, lenientEmail, uuid, z } from "../../lib/zod";
import { decodeTotpSecret } from "../../lib/totp";
import { millis, nullableRef, pageOf } from "./common";
import { clientTeamResponse, serverTeamResponse } from "./teams";

/**
 * A `profile_image_url` as sent. Only its type is checked here: storing it decides the rest (who may send a URL, whether
 * an upload is a real image), and refuses with the plain-text 400 Stack Auth's API answers rather than a schema error.
 */
export const profileImageInput = () =>
  z.string().openapi({
    description:
      "A base64 data URL of a PNG, JPEG, GIF or WebP image (at most 1 MB, sides up to 4096 px), stored and answered as a URL " +
      "this API serves; servers and admins may also give an http(s) URL, kept as it is.",
  });

const displayName = () => z.string().max(256).nullable();
// Stack Auth's API sets whatever password a server gives, short ones included: the length rule is for sign-up forms.
// An empty one is refused all the same, as it would let anyone sign in with nothing.
const password = () => codePointString(70).refine((value) => value.length > 0, { message: "must not be empty" });

/** Fields a signed-in user may change on themselves. */
export const clientUserUpdateFields = {
  display_name: displayName().optional(),
  profile_image_url: profileImageInput().nullable().optional(),
  client_metadata: jsonValue().optional(),
  primary_email: lenientEmail().nullable().optional(),
  selected_team_id: uuid().nullable().optional(),
  // Only false (remove the passkey) does anything; true is refused with a text 400 in user-changes.ts, as Stack Auth does.
  passkey_auth_enabled: z.boolean().optional(),
  otp_auth_enabled: z.boolean().optional(),
  // RFC 4226 asks for at least 128 bits of secret; authenticator apps use 160.
  totp_secret_base64: z
    .string()
    .max(128)
    .refine((value) => decodeTotpSecret(value) !== null, { message: "must be the base64 of a 16 to 64 byte secret" })
    .nullable()
    .optional(),
};

const serverOnlyFields = {
  client_read_only_metadata: jsonValue().optional(),
  server_metadata: jsonValue().optional(),
  primary_email_verified: z.boolean().optional(),
  primary_email_auth_enabled: z.boolean().optional(),
  password: password().nullable().optional(),
  password_hash: z.string().max(512).optional(),
  restricted_by_admin: z.boolean().optional(),
  restricted_by_admin_reason: z.string().max(4096).nullable().optional(),
  restricted_by_admin_private_details: z.string().max(4096).nullable().optional(),
  risk_scores: z
    .object({
      sign_up: z.object({ bot: z.number().min(0).max(100), free_trial_abuse: z.number().min(0).max(100) }).strict(),
    })
    .strict()
    .optional(),
  country_code: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code").nullable().optional(),
  // Only ever false on an update: it turns an anonymous user into a regular one, never the reverse.
  is_anonymous: z.literal(false).optional(),
};

export const clientUserUpdateSchema = z.object(clientUserUpdateFields).strict();
export const serverUserUpdateSchema = z.object({ ...clientUserUpdateFields, ...serverOnlyFields }).strict();

const { selected_team_id: _selected, ...createFields } = { ...clientUserUpdateFields, ...serverOnlyFields };
export const serverUserCreateSchema = z
  .object({
    ...createFields,
    is_anonymous: z.boolean().optional(),
    // Provider accounts to link at creation, e.g. when importing users from another system.
    oauth_providers: z
      .array(z.object({ id: z.string().min(1).max(256), account_id: z.string().min(1).max(512), email: z.string().email().max(256).nullable().optional() }).strict())
      .max(20)
      .optional(),
  })
  .strict();

export type ServerUserUpdate = z.output<typeof serverUserUpdateSchema>;
export type ServerUserCreate = z.output<typeof serverUserCreateSchema>;

export const listUsersQuerySchema = z
  .object({
    team_id: uuid().optional(),
    // No upper bound here, as in Stack Auth's API; the route answers at most a page of MAX_USERS_PAGE.
    limit: z.coerce.number().int().min(1).optional(),
    cursor: uuid().optional(),
    order_by: z.enum(["signed_up_at", "last_active_at"]).optional(),
    desc: z.enum(["true", "false"]).optional(),
    query: z.string().max(1024).optional(),
    include_restricted: z.enum(["true", "false"]).optional(),
    include_anonymous: z.enum(["true", "false"]).optional(),
    only_anonymous: z.enum(["true", "false"]).optional(),
  })
  .strict();

const restrictedReason = z
  .object({ type: z.enum(["anonymous", "email_not_verified", "restricted_by_administrator"]) })
  .strict()
  .openapi("RestrictedReason");
const metadata = () => jsonValue().openapi({ description: "Any JSON value, or null when never set." });

const clientUserFields = {
  id: z.string().uuid(),
  primary_email: z.string().nullable(),
  primary_email_verified: z.boolean(),
  display_name: z.string().nullable(),
  selected_team: nullableRef(clientTeamResponse),
  selected_team_id: z.string().uuid().nullable(),
  profile_image_url: z.string().nullable(),
  signed_up_at_millis: millis(),
  has_password: z.boolean(),
  otp_auth_enabled: z.boolean(),
  passkey_auth_enabled: z.boolean(),
  client_metadata: metadata(),
  client_read_only_metadata: metadata(),
  is_anonymous: z.boolean(),
  is_restricted: z.boolean(),
  restricted_reason: nullableRef(restrictedReason),
  restricted_by_admin: z.boolean(),
  restricted_by_admin_reason: z.string().nullable(),
  oauth_providers: z.array(z.object({ id: z.string(), account_id: z.string(), email: z.string().nullable() }).strict()),
  auth_with_email: z.boolean().openapi({ deprecated: true, description: "has_password or otp_auth_enabled" }),
  requires_totp_mfa: z.boolean().openapi({ deprecated: true }),
};

/** The signed-in user's own view, as a client reads it. */
export const currentUserResponse = z.object(clientUserFields).strict().openapi("CurrentUser");

/** What servers and admins read of a user. */
export const serverUserResponse = z
  .object({
    ...clientUserFields,
    selected_team: nullableRef(serverTeamResponse),
    primary_email_auth_enabled: z.boolean(),
    server_metadata: metadata(),
    last_active_at_millis: millis(),
    restricted_by_admin_private_details: z.string().nullable(),
    country_code: z.string().nullable(),
    risk_scores: z.object({ sign_up: z.object({ bot: z.number(), free_trial_abuse: z.number() }).strict() }).strict(),
  })
  .strict()
  .openapi("ServerUser");

/** `/users/me` answers in the view of the caller's access type. */
export const userResponse = z.union([serverUserResponse, currentUserResponse]);

export const serverUserPageResponse = pageOf(serverUserResponse, "ServerUserPage");
