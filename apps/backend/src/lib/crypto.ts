import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Lowercase base32 string of the given length, uniformly random (5 bits a character). */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[bytes[i]! & 31];
  return out;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * Compares secrets in time independent of where they differ and of their lengths: both sides are digested first, so
 * timingSafeEqual always sees two 32-byte inputs (OWASP ASVS 11.2.4).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

function sealingKey(secret: string, purpose: string): Buffer {
  return createHmac("sha256", secret).update(`hexclave-seal:${purpose}`).digest();
}

/** AES-256-GCM under a key of its own purpose derived from the server secret, as `iv.ciphertext.tag` in base64url. */
export function sealString(secret: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret, purpose), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
}

/** The plaintext of `sealString`, or null when the value was not sealed with this secret and purpose. */
export function openSealedString(secret: string, purpose: string, sealed: string): string | null {
  const [iv, ciphertext, tag, ...rest] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !ciphertext || !tag || rest.length > 0 || iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret, purpose), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** HMAC-SHA-256 under a key of its own purpose derived from the server secret: a digest a database copy cannot brute-force offline. */
export function keyedDigestHex(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", sealingKey(secret, `digest:${purpose}`)).update(value).digest("hex");
}
