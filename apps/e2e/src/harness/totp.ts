import { createHmac } from "node:crypto";

/** An authenticator app's current code for a secret (RFC 6238: HMAC-SHA-1, 6 digits, 30 s), written apart from the backend's. */
export function authenticatorCode(secret: Buffer, atMillis = Date.now(), stepOffset = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMillis / 30_000) + stepOffset));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[19]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
