import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export { z };

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const uuid = () => z.string().regex(UUID_PATTERN, "must be a valid UUID");
export const userIdOrMe = () => z.union([z.literal("me"), uuid()]);

/** Counts code points, not UTF-16 units, so 64 emoji are 64 characters (NIST SP 800-63B §3.1.1.2). */
export const codePointString = (max: number) =>
  z.string().refine((value) => [...value].length <= max, { message: `must be at most ${max} characters` });

// Stack Auth's strict email format: a dotted domain, no consecutive dots, at most 256 characters.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const strictEmail = () =>
  z
    .string()
    .max(256)
    .refine((value) => EMAIL.test(value.trim()) && !value.includes(".."), { message: "must be a valid email address" });

// The HTML Living Standard's "valid email address" (§4.10.5.1.5): any dots in the local part, and a domain that may
// be a single label. Sign-up forms use the strict format; a server writing a user's address takes this one, as
// Stack Auth's API does, so addresses imported from elsewhere (`a@intranet`) keep working. The lengths are RFC 5321's
// (§4.5.3.1: a 64-octet local part, a 254-octet path), so every accepted address can be mailed.
const HTML_EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const lenientEmail = () =>
  z
    .string()
    .max(300)
    .refine((value) => value.trim().length <= 254 && HTML_EMAIL.test(value.trim()), { message: "must be a valid email address" });

export const jsonValue = (): z.ZodType<unknown> => z.unknown();

/** Query-string booleans arrive as the strings "true" and "false". */
export const queryBoolean = () => z.enum(["true", "false"]).transform((value) => value === "true");
