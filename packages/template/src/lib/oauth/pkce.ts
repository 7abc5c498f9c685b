const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** Unguessable base64url text from `byteCount` random bytes: a PKCE verifier (RFC 7636 §4.1 asks for 32) or a state. */
export const randomBase64Url = (byteCount: number) => base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));

/** RFC 7636 §4.2: the S256 challenge of a verifier, the only method the API accepts. */
export async function pkceChallengeOf(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}
