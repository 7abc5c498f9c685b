import { createHmac } from "node:crypto";
import { constantTimeEqual } from "./crypto";

// RFC 6238 with the parameters every authenticator app uses: HMAC-SHA-1, 6 digits, 30-second steps.
const STEP_SECONDS = 30;
const DIGITS = 6;
/** RFC 4226 §4: at least 128 bits of shared secret. 64 bytes is far beyond any app's. */
export const TOTP_SECRET_BYTES = { min: 16, max: 64 } as const;

/** The secret of a `totp_secret_base64` value, or null when it is not base64 or not a usable length. */
export function decodeTotpSecret(base64: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) return null;
  const secret = Buffer.from(base64, "base64");
  return secret.length >= TOTP_SECRET_BYTES.min && secret.length <= TOTP_SECRET_BYTES.max ? secret : null;
}

/** The code for one time step (RFC 4226 §5.3 dynamic truncation). */
export function totpForStep(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS;
  return String(binary).padStart(DIGITS, "0");
}

export function totpStepAt(millis: number): number {
  return Math.floor(millis / 1000 / STEP_SECONDS);
}

/**
 * The time step a code belongs to, accepting one step either side for clock drift (RFC 6238 §5.2), or null. Every
 * candidate is compared, in constant time, so the timing does not say which step was close.
 */
export function matchTotpStep(secret: Buffer, code: string, nowMillis = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStepAt(nowMillis);
  let matched: number | null = null;
  for (const step of [now - 1, now, now + 1]) {
    if (constantTimeEqual(totpForStep(secret, step), code) && matched === null) matched = step;
  }
  return matched;
}
