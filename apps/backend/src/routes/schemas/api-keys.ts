import { z } from "../../lib/zod";
import { listOf, millis } from "./common";

const lastFour = () => z.object({ last_four: z.string() }).strict();

// User and team keys share every field but their owner; the two are separate components so each names its owner.
const apiKeyFields = {
  id: z.string().uuid(),
  description: z.string(),
  expires_at_millis: millis().optional().openapi({ description: "Absent when the key never expires." }),
  manually_revoked_at_millis: millis().optional().openapi({ description: "Present once the key is revoked." }),
  created_at_millis: millis(),
  is_public: z.boolean(),
  value: z.union([z.string(), lastFour()]).openapi({ description: "The full key in the create response only; its last four characters after that." }),
};

export const userApiKeyResponse = z
  .object({ ...apiKeyFields, type: z.literal("user"), user_id: z.string().uuid() })
  .strict()
  .openapi("UserApiKey");

export const teamApiKeyResponse = z
  .object({ ...apiKeyFields, type: z.literal("team"), team_id: z.string().uuid() })
  .strict()
  .openapi("TeamApiKey");

export const userApiKeyListResponse = listOf(userApiKeyResponse, "UserApiKeyList");
export const teamApiKeyListResponse = listOf(teamApiKeyResponse, "TeamApiKeyList");

const keySetFields = {
  id: z.string().uuid(),
  description: z.string(),
  expires_at_millis: millis(),
  created_at_millis: millis(),
  manually_revoked_at_millis: millis().optional(),
};

/** A project's key set as it is shown after creation: each key by its last four characters. */
export const maskedKeySetResponse = z
  .object({
    ...keySetFields,
    publishable_client_key: lastFour().optional(),
    secret_server_key: lastFour().optional(),
    super_secret_admin_key: lastFour().optional(),
  })
  .strict()
  .openapi("ProjectKeySet");

/** The create response, the one time the keys are shown in full. */
export const createdKeySetResponse = z
  .object({
    ...keySetFields,
    publishable_client_key: z.string().startsWith("pck_").optional(),
    secret_server_key: z.string().startsWith("ssk_").optional(),
    super_secret_admin_key: z.string().startsWith("sak_").optional(),
  })
  .strict()
  .openapi("CreatedProjectKeySet");

export const keySetListResponse = listOf(maskedKeySetResponse, "ProjectKeySetList");
