import { KnownErrors } from "@stackframe/stack-shared";
import type { Tx } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
import { isTrustedRedirectUrl } from "../projects/trusted-domains";
import { type VerificationCodeType, insertVerificationCode } from "../verification/codes";
import { type RenderedEmail, enqueueEmail } from "./outbox";

/** Emailed links may only lead to the project's trusted domains. */
export function requireTrustedCallbackUrl(tenancy: Tenancy, callbackUrl: string): void {
  if (!isTrustedRedirectUrl(tenancy.config, callbackUrl)) throw new KnownErrors.RedirectUrlNotWhitelisted();
}

/** `{callbackUrl}?code=…`, the link form of a code. */
export function linkWithCode(callbackUrl: string, code: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set("code", code);
  return url.toString();
}

/**
 * Stores a one-time code and queues the email that carries it, in the caller's transaction: both exist or neither.
 * The email is rendered before, since its link contains the code.
 */
export async function queueCodeEmail(
  tx: Tx,
  tenancy: Tenancy,
  input: { type: VerificationCodeType; code: string; data: Record<string, unknown>; lifetimeMillis?: number; kind: string; to: string; email: RenderedEmail },
): Promise<string> {
  const id = await insertVerificationCode(tx, tenancy, { type: input.type, code: input.code, data: input.data, lifetimeMillis: input.lifetimeMillis });
  await enqueueEmail(tx, tenancy, { kind: input.kind, to: input.to, email: input.email });
  return id;
}
