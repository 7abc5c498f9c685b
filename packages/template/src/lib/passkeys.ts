import { type ClientInterface, type InternalSession, PasskeyWebAuthnError, type SignInResponse } from "@stackframe/stack-shared";
import { initiatePasskeyAuthentication, initiatePasskeyRegistration, postPasskeyRegistration, postPasskeySignIn } from "@stackframe/stack-shared/client-calls";

// @simplewebauthn/browser is loaded on the first ceremony only, so pages that never use a passkey do not carry it.
const webAuthn = () => import("@simplewebauthn/browser");

type CreationOptions = Parameters<Awaited<ReturnType<typeof webAuthn>>["startRegistration"]>[0]["optionsJSON"];
type RequestOptions = Parameters<Awaited<ReturnType<typeof webAuthn>>["startAuthentication"]>[0]["optionsJSON"];

/** The page's hostname, which the browser checks the RP ID against: a passkey belongs to the site it was made on. */
export function passkeyHostname(explicit?: string): string {
  if (explicit) return explicit;
  if (typeof window === "undefined") throw new Error("Passkeys need a browser: pass hostname, the site the passkey is for.");
  return window.location.hostname;
}

/**
 * Runs the browser's side of a ceremony. Its failures (the user cancelled, no authenticator, a passkey for another
 * site) become PASSKEY_WEBAUTHN_ERROR with the browser's error name, as the published SDK reports them.
 */
async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const { message, name } = error instanceof Error ? error : { message: String(error), name: "Error" };
    throw new PasskeyWebAuthnError(message, name);
  }
}

/** Makes a passkey for the signed-in user on this site and registers it, replacing any passkey the user had. */
export async function registerPasskey(iface: ClientInterface, session: InternalSession, hostname: string): Promise<void> {
  const { startRegistration } = await webAuthn();
  const { options_json, code } = await initiatePasskeyRegistration(iface.http, session);
  const optionsJSON = { ...options_json, rp: { ...options_json.rp, id: hostname } } as unknown as CreationOptions;
  const credential = await ceremony(() => startRegistration({ optionsJSON }));
  await postPasskeyRegistration(iface.http, { code, credential }, session);
}

/** Asks the browser for any passkey of this site and signs in with it; throws the known error of a refusal. */
export async function signInWithPasskey(iface: ClientInterface, session: InternalSession, hostname: string): Promise<SignInResponse> {
  const { startAuthentication } = await webAuthn();
  const { options_json, code } = await initiatePasskeyAuthentication(iface.http, session);
  const optionsJSON = { ...options_json, rpId: hostname } as unknown as RequestOptions;
  const authenticationResponse = await ceremony(() => startAuthentication({ optionsJSON }));
  return await postPasskeySignIn(iface.http, { code, authentication_response: authenticationResponse }, session);
}
