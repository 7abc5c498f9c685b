import { z } from "../../lib/zod";

// The JSON forms of WebAuthn responses, as @simplewebauthn/browser and Stack Auth's SDKs send them. Binary fields are
// base64url; the bounds are far above what any authenticator produces, so a real answer always fits and a padded
// one is refused before it is parsed. Browsers add fields over time, so unknown ones are let through untouched.
const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url");

const common = {
  id: base64url(1024),
  rawId: base64url(1024),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.unknown()).optional().default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

export const registrationResponseJson = z
  .object({
    ...common,
    response: z
      .object({
        clientDataJSON: base64url(4096),
        attestationObject: base64url(32_768),
        authenticatorData: base64url(8192).optional(),
        transports: z.array(z.string().max(32)).max(16).optional(),
        publicKeyAlgorithm: z.number().int().optional(),
        publicKey: base64url(4096).optional(),
      })
      .passthrough(),
  })
  .passthrough()
  .openapi("PasskeyRegistrationResponse", { description: "RegistrationResponseJSON from navigator.credentials.create" });

export const authenticationResponseJson = z
  .object({
    ...common,
    response: z
      .object({
        clientDataJSON: base64url(4096),
        authenticatorData: base64url(8192),
        signature: base64url(1024),
        userHandle: base64url(1024).optional(),
      })
      .passthrough(),
  })
  .passthrough()
  .openapi("PasskeyAuthenticationResponse", { description: "AuthenticationResponseJSON from navigator.credentials.get" });

export const ceremonyOptionsResponse = z
  .object({
    options_json: z.record(z.unknown()).openapi({ description: "PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON" }),
    code: z.string().length(45),
  })
  .strict();
