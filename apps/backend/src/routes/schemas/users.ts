import { codePointString, jsonValue, strictEmail, uuid, z } from "../../lib/zod";

const IMAGE_DATA_URL = /^data:image\/(png|jpe?g|gif|webp|svg\+xml|avif);base64,[A-Za-z0-9+/]+=*$/;
const MAX_IMAGE_LENGTH = 1_400_000; // ≈ 1 MB once base64-encoded

export const imageDataUrl = () =>
  z.string().max(MAX_IMAGE_LENGTH).regex(IMAGE_DATA_URL, "must be a base64 data URL of an image");
export const imageUrlOrDataUrl = () =>
  z
    .string()
    .max(MAX_IMAGE_LENGTH)
    .refine((value) => IMAGE_DATA_URL.test(value) || /^https?:\/\/[^\s]+$/.test(value), "must be an http(s) URL or a base64 image");

const displayName = () => z.string().max(256).nullable();
const password = () => codePointString(70);

/** Fields a signed-in user may change on themselves. */
export const clientUserUpdateFields = {
  display_name: displayName().optional(),
  profile_image_url: imageDataUrl().nullable().optional(),
  client_metadata: jsonValue().optional(),
  primary_email: strictEmail().nullable().optional(),
  selected_team_id: uuid().nullable().optional(),
  passkey_auth_enabled: z.literal(false).optional(),
  otp_auth_enabled: z.boolean().optional(),
};

const serverOnlyFields = {
  profile_image_url: imageUrlOrDataUrl().nullable().optional(),
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
};

export const clientUserUpdateSchema = z.object(clientUserUpdateFields).strict();
export const serverUserUpdateSchema = z.object({ ...clientUserUpdateFields, ...serverOnlyFields }).strict();

const { selected_team_id: _selected, ...createFields } = { ...clientUserUpdateFields, ...serverOnlyFields };
export const serverUserCreateSchema = z.object({ ...createFields, is_anonymous: z.boolean().optional() }).strict();

export type ServerUserUpdate = z.output<typeof serverUserUpdateSchema>;
export type ServerUserCreate = z.output<typeof serverUserCreateSchema>;

export const listUsersQuerySchema = z
  .object({
    team_id: uuid().optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    cursor: uuid().optional(),
    order_by: z.enum(["signed_up_at", "last_active_at"]).optional(),
    desc: z.enum(["true", "false"]).optional(),
    query: z.string().max(1024).optional(),
    include_restricted: z.enum(["true", "false"]).optional(),
    include_anonymous: z.enum(["true", "false"]).optional(),
    only_anonymous: z.enum(["true", "false"]).optional(),
  })
  .strict();
