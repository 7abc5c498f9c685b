import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

// A WebAuthn authenticator in software, for tests over HTTP: it answers the options the backend hands out the way a
// security key with attestation "none" does (ES256 keys, a signature counter, discoverable credentials), and each
// answer can be bent to test one check at a time. Browser tests use Chromium's virtual authenticator instead.

type Bend = {
  origin?: string;
  /** Sign for another RP ID than the one the origin implies. */
  rpId?: string;
  challenge?: string;
  type?: string;
  /** The counter to report; by default each answer adds one. */
  signCount?: number;
  userPresent?: boolean;
  userHandle?: string | null;
  /** Signs with a key that is not the credential's. */
  wrongKey?: boolean;
};

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString("base64url");

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: "jwk" });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]);
  return isoCBOR.encode(cose);
}

function counterBytes(count: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(count);
  return bytes;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly #keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  #signCount = 0;
  /** The user handle the backend gave at registration, returned with every assertion as a real authenticator does. */
  userHandle: string | null = null;

  constructor(readonly origin = "http://localhost:3000") {}

  get id(): string {
    return b64url(this.credentialId);
  }

  #clientData(type: string, challenge: string, bend: Bend): string {
    const json = JSON.stringify({ type: bend.type ?? type, challenge: bend.challenge ?? challenge, origin: bend.origin ?? this.origin, crossOrigin: false });
    return Buffer.from(json).toString("base64url");
  }

  #rpIdHash(bend: Bend): Buffer {
    return sha256(bend.rpId ?? new URL(bend.origin ?? this.origin).hostname);
  }

  #flags(bend: Bend, extra = 0): number {
    return (bend.userPresent === false ? 0 : FLAG_UP) | FLAG_UV | extra;
  }

  #nextCount(bend: Bend): number {
    if (bend.signCount !== undefined) return bend.signCount;
    this.#signCount += 1;
    return this.#signCount;
  }

  /** The RegistrationResponseJSON for `options_json` of initiate-passkey-registration. */
  register(options: { challenge: string; user: { id: string } }, bend: Bend = {}) {
    this.userHandle = options.user.id;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      this.#rpIdHash(bend),
      Buffer.from([this.#flags(bend, FLAG_AT)]),
      counterBytes(this.#nextCount(bend)),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      coseKey(this.#keys.publicKey),
    ]);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: this.#clientData("webauthn.create", options.challenge, bend), attestationObject: b64url(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** The AuthenticationResponseJSON for `options_json` of initiate-passkey-authentication. */
  authenticate(options: { challenge: string }, bend: Bend = {}) {
    const authData = Buffer.concat([this.#rpIdHash(bend), Buffer.from([this.#flags(bend)]), counterBytes(this.#nextCount(bend))]);
    const clientDataJSON = this.#clientData("webauthn.get", options.challenge, bend);
    const signed = Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, "base64url"))]);
    const key = bend.wrongKey ? generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey : this.#keys.privateKey;
    const userHandle = bend.userHandle === undefined ? this.userHandle : bend.userHandle;
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(sign("sha256", signed, key)),
        ...(userHandle ? { userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}

/** The user handle the backend puts in registration options: the user id's UTF-8 bytes, base64url. */
export const userHandleOf = (userId: string) => isoBase64URL.fromUTF8String(userId);
