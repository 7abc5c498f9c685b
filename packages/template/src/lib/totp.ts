/**
 * The browser's half of setting up an authenticator app (RFC 6238, the parameters every app and the API use: HMAC-SHA-1,
 * 6 digits, 30-second steps). The SDK makes the secret, shows it, and checks a code typed from the app before the
 * secret is saved, so a mistyped or unscanned secret never locks anyone out.
 */

const STEP_MILLIS = 30_000;
const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** 20 random bytes: the length RFC 4226 recommends for HMAC-SHA-1. */
export function createTotpSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

/** RFC 4648 base32 without padding, the form authenticator apps take a secret in. */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    // Only the bits not yet written are kept, so the number never outgrows 32 bits.
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The `otpauth://` URI of a QR code for authenticator apps. The issuer names the app in the authenticator's list and
 * the account tells the user's accounts apart there.
 */
export function totpUri(secret: Uint8Array, { issuer, account }: { issuer: string; account: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/** The 6-digit code of one 30-second step. */
export async function totpCode(secret: Uint8Array, atMillis: number, stepOffset = 0): Promise<string> {
  const counter = new DataView(new ArrayBuffer(8));
  counter.setBigUint64(0, BigInt(Math.floor(atMillis / STEP_MILLIS) + stepOffset));
  const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, counter.buffer));
  const offset = (mac[19] ?? 0) & 0xf;
  const value = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, "0");
}

/** Whether a typed code is the app's for now, or one step either side (a clock a little off, a code typed late). */
export async function isCurrentTotpCode(secret: Uint8Array, typed: string, atMillis = Date.now()): Promise<boolean> {
  const code = typed.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) return false;
  for (const offset of [0, -1, 1]) {
    if ((await totpCode(secret, atMillis, offset)) === code) return true;
  }
  return false;
}
