import { type KeyObject, createECDH, createHash, createHmac, createPrivateKey, createPublicKey } from "node:crypto";

export type PublicJwk = { kty: "EC"; alg: "ES256"; crv: "P-256"; kid: string; x: string; y: string };
export type SigningKey = { kid: string; privateKey: KeyObject; publicKey: KeyObject; jwk: PublicJwk };

/**
 * Which key generation signs, and which older ones are revoked. Rotating means raising `generation` on every
 * instance; once the access-token lifetime has passed, raising `revokedBefore` to the same number retires the
 * previous key.
 */
export type KeyRotation = { generation: number; revokedBefore: number };

// Order of the P-256 group.
const N = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

function deriveScalar(secret: string, label: string): Buffer {
  const digest = createHmac("sha256", secret).update(label).digest();
  const scalar = (BigInt(`0x${digest.toString("hex")}`) % (N - 1n)) + 1n;
  return Buffer.from(scalar.toString(16).padStart(64, "0"), "hex");
}

// Generations 0 and 1 keep the labels they were first derived under, so their kids, and the tokens and cached JWKS
// from before rotation existed, stay valid.
function labelOf(generation: number): string {
  if (generation === 0) return "current";
  if (generation === 1) return "next";
  return `generation-${generation}`;
}

function deriveKey(secret: string, audience: string, generation: number): SigningKey {
  const label = labelOf(generation);
  const d = deriveScalar(secret, `hexclave-jwt-es256:${label}:${audience}`);
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const x = point.subarray(1, 33).toString("base64url");
  const y = point.subarray(33, 65).toString("base64url");
  const kid = createHash("sha256").update(`${label}:${x}:${y}`).digest("base64url").slice(0, 12);
  const privateKey = createPrivateKey({ key: { kty: "EC", crv: "P-256", d: d.toString("base64url"), x, y }, format: "jwk" });
  return { kid, privateKey, publicKey: createPublicKey(privateKey), jwk: { kty: "EC", alg: "ES256", crv: "P-256", kid, x, y } };
}

const MIN_SECRET_LENGTH = 16;

export function validateServerSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The server secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
}

export function validateKeyRotation(rotation: KeyRotation): void {
  const { generation, revokedBefore } = rotation;
  if (!Number.isSafeInteger(generation) || generation < 0) throw new Error(`The signing key generation must be a whole number ≥ 0, got ${generation}.`);
  if (!Number.isSafeInteger(revokedBefore) || revokedBefore < 0 || revokedBefore > generation) {
    throw new Error(`Signing keys can be revoked up to the current generation (${generation}), not before ${revokedBefore}.`);
  }
}

/**
 * Deterministic ES256 keys per audience, so every instance sharing the secret and the rotation signs and verifies
 * alike. Published and accepted: the current key (which signs), the next one, so instances already rotated are
 * trusted by those that are not yet, and the previous one until it is revoked, so tokens signed before the rotation
 * live out their lifetime.
 */
export class JwtKeyring {
  readonly #cache = new Map<string, SigningKey[]>();
  readonly #generations: number[];

  constructor(
    private readonly secret: string,
    rotation: KeyRotation = { generation: 0, revokedBefore: 0 },
  ) {
    validateServerSecret(secret);
    validateKeyRotation(rotation);
    const previous = rotation.generation - 1;
    this.#generations = [rotation.generation, rotation.generation + 1, ...(previous >= rotation.revokedBefore ? [previous] : [])];
  }

  /** The keys of the JWKS, signing key first; verification accepts exactly these. */
  keysFor(audience: string): SigningKey[] {
    let keys = this.#cache.get(audience);
    if (!keys) {
      keys = this.#generations.map((generation) => deriveKey(this.secret, audience, generation));
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(audience, keys);
    }
    return keys;
  }

  signingKeyFor(audience: string): SigningKey {
    return this.keysFor(audience)[0]!;
  }

  findKey(audience: string, kid: string): SigningKey | undefined {
    return this.keysFor(audience).find((key) => key.kid === kid);
  }
}
