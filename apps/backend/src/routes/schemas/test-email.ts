import { isIP } from "node:net";
import { strictEmail, z } from "../../lib/zod";

// A host name (RFC 1123 labels) or an IP address: nothing that could carry a scheme, a path or a second host.
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const isControlCharacter = (char: string) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f;
const smtpHost = () => z.string().refine((value) => HOST_NAME.test(value) || isIP(value) !== 0, { message: "must be a host name or an IP address" });

export const testEmailRequest = z
  .object({
    recipient_email: strictEmail(),
    email_config: z
      .object({
        host: smtpHost(),
        port: z.number().int().min(1).max(65535),
        // An empty user name sends without authenticating.
        username: z.string().max(256),
        password: z.string().max(1024),
        // A line break in the From name would start a header of the sender's choosing.
        sender_name: z.string().max(256).refine((value) => ![...value].some(isControlCharacter), { message: "must not contain control characters" }),
        sender_email: strictEmail(),
      })
      .strict(),
  })
  .strict();

export const testEmailResponse = z
  .object({
    success: z.boolean(),
    error_message: z.string().optional().openapi({ description: "Why the email was not sent, when it was not; never contains the password." }),
  })
  .strict()
  .openapi("TestEmailResult");
