import { z } from "../../lib/zod";

/** RFC 7517 §5: the public keys that verify a project's access tokens (ES256, RFC 7518 §3.4). */
export const jwksResponse = z
  .object({
    keys: z.array(
      z
        .object({ kty: z.literal("EC"), alg: z.literal("ES256"), crv: z.literal("P-256"), kid: z.string(), x: z.string(), y: z.string() })
        .strict(),
    ),
  })
  .strict()
  .openapi("JsonWebKeySet");

export const jwksQuery = z
  .object({
    include_restricted: z.enum(["true", "false"]).optional(),
    include_anonymous: z.enum(["true", "false"]).optional().openapi({ description: "Also the anonymous users' keys; implies include_restricted." }),
  })
  .strict();
