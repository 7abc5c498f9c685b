import { type KeyObject, createECDH, createHash, createHmac, createPrivateKey, createPublicKey } from "node:crypto";

export type PublicJwk = { kty: "EC"; alg: "ES256"; crv: "P-256"; kid: string; x: string; y: string };
export type SigningKey = { kid: string; privateKey: KeyObject; publicKey: KeyObject; jwk: PublicJwk };

// Order of the P-256 group.
const N = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

// "current" signs; "next" is published ahead so a rotation never strands verifiers holding a cached JWKS.
const GENERATIONS = ["current", "next"] as const;

function deriveScalar(secret: string, label: string): Buffer {
  const digest = createHmac("sha256", secret).update(label).digest();
  const scalar = (BigInt(`0x${digest.toString("hex")}`) % (N - 1n)) + 1n;
  return Buffer.from(scalar.toString(16).padStart(64, "0"), "hex");
}

function deriveKey(secret: string, audience: string, generation: string): SigningKey {
  const d = deriveScalar(secret, `hexclave-jwt-es256:${generation}:${audience}`);
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const x = point.subarray(1, 33).toString("base64url");
  const y = point.subarray(33, 65).toString("base64url");
  const kid = createHash("sha256").update(`${generation}:${x}:${y}`).digest("base64url").slice(0, 12);
  const privateKey = createPrivateKey({ key: { kty: "EC", crv: "P-256", d: d.toString("base64url"), x, y }, format: "jwk" });
  return { kid, privateKey, publicKey: createPublicKey(privateKey), jwk: { kty: "EC", alg: "ES256", crv: "P-256", kid, x, y } };
}

/** Deterministic ES256 keys per audience, so every instance sharing the secret signs and verifies alike. */
export class JwtKeyring {
  readonly #cache = new Map<string, SigningKey[]>();

  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error("The server secret must be at least 16 characters long.");
  }

  keysFor(audience: string): SigningKey[] {
    let keys = this.#cache.get(audience);
    if (!keys) {
      keys = GENERATIONS.map((generation) => deriveKey(this.secret, audience, generation));
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
