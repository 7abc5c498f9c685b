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

export const jsonValue = (): z.ZodType<unknown> => z.unknown();

/** Query-string booleans arrive as the strings "true" and "false". */
export const queryBoolean = () => z.enum(["true", "false"]).transform((value) => value === "true");
