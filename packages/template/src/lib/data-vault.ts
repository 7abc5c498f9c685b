import type { ServerInterface } from "@stackframe/stack-shared";

// The data vault's encryption happens here, on the app's server, with a secret the backend never receives. The
// derivation and the byte layout are Stack Auth's, so values written by its published server SDKs are read here and
// the other way round:
// - a key is stretched with PBKDF2-SHA-256 (100,000 rounds), salted by a purpose label and the secret;
// - the backend gets one more PBKDF2 round of that, as the key's hash, so it cannot tell keys apart;
// - the value is AES-256-GCM under an HKDF key from the stretched key, as 0x01 0x00 | salt(16) | iv(12) | ciphertext.

const HASH_PURPOSE = "stack-data-vault-client-side-encryption-key-hash";
const KEY_PURPOSE = "stack-data-vault-client-side-encryption-value-encryption-key-hash";
const VALUE_PURPOSE = "stack-data-vault-client-side-encryption-value-encryption-value-encryption";
const STRETCH_ROUNDS = 100_000;
const VERSION = [1, 0] as const;

const utf8 = /* @__PURE__ */ new TextEncoder();
const bytesToBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
const base64ToBytes = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));

async function pbkdf2(purpose: string, secret: string, input: Uint8Array, rounds: number): Promise<Uint8Array> {
  const salt = utf8.encode(JSON.stringify(["stack-crypto-helper-iterated-hash", purpose, "", bytesToBase64(utf8.encode(secret))]));
  const material = await crypto.subtle.importKey("raw", input, "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", salt, iterations: rounds, hash: "SHA-256" }, material, 256));
}

const stretchedKey = (secret: string, key: string) => pbkdf2(KEY_PURPOSE, secret, utf8.encode(key), STRETCH_ROUNDS);

async function valueKey(stretched: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", stretched, "HKDF", false, ["deriveKey"]);
  const info = utf8.encode(JSON.stringify(["stack-crypto-helper-derived-symmetric-key", VALUE_PURPOSE, "binary-key", bytesToBase64(salt)]));
  return await crypto.subtle.deriveKey({ name: "HKDF", salt, info, hash: "SHA-256" }, material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** What the backend stores the value under: a hash of the key that only the secret's holder can reproduce. */
export async function hashVaultKey(secret: string, key: string): Promise<string> {
  return bytesToBase64(await pbkdf2(HASH_PURPOSE, secret, await stretchedKey(secret, key), 1));
}

export async function encryptVaultValue(secret: string, key: string, value: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await valueKey(await stretchedKey(secret, key), salt), utf8.encode(value));
  return bytesToBase64(new Uint8Array([...VERSION, ...salt, ...iv, ...new Uint8Array(cipher)]));
}

/** The plaintext, or an error when the secret (or key) is not the one the value was written with. */
export async function decryptVaultValue(secret: string, key: string, encrypted: string): Promise<string> {
  const bytes = base64ToBytes(encrypted);
  if (bytes[0] !== VERSION[0] || bytes[1] !== VERSION[1]) throw new Error("This data vault value was written in a format this SDK does not know.");
  const salt = bytes.slice(2, 18);
  const iv = bytes.slice(18, 30);
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, await valueKey(await stretchedKey(secret, key), salt), bytes.slice(30));
    return new TextDecoder().decode(plain);
  } catch (cause) {
    throw new Error("The data vault value could not be decrypted: is this the secret it was written with?", { cause });
  }
}

export type DataVaultStore = {
  readonly id: string;
  /** Stores `value` under `key`, replacing what was there. */
  setValue(key: string, value: string, options: { secret: string }): Promise<void>;
  /** The value stored under `key`, or null when there is none (for this secret). */
  getValue(key: string, options: { secret: string }): Promise<string | null>;
};

export function dataVaultStore(iface: ServerInterface, id: string): DataVaultStore {
  return {
    id,
    async setValue(key, value, { secret }) {
      await iface.setDataVaultValue(id, await hashVaultKey(secret, key), await encryptVaultValue(secret, key, value));
    },
    async getValue(key, { secret }) {
      const encrypted = await iface.getDataVaultValue(id, await hashVaultKey(secret, key));
      return encrypted === null ? null : await decryptVaultValue(secret, key, encrypted);
    },
  };
}
