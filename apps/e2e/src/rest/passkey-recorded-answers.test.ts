import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { api, createTestProject, patchProjectConfig, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

// Stack Auth's own e2e suite registers and signs in with WebAuthn answers recorded once, against the fixed challenge
// "MOCK" that STACK_ENABLE_HARDCODED_PASSKEY_CHALLENGE_FOR_TESTING turns on. These are those recorded answers (public
// test data of that suite): a backend in that mode must take them, and one without it must not.

const credentialId = "BBYYB_DKzPZHm1o6ILGo6Sk_cBc";
const recordedRegistration = {
  id: credentialId,
  rawId: credentialId,
  response: {
    attestationObject:
      "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViYSZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NdAAAAAAAAAAAAAAAAAAAAAAAAAAAAFAQWGAfwysz2R5taOiCxqOkpP3AXpQECAyYgASFYIO7JJihe93CDhZOPFp9pVefZyBvy62JMjSs47id1q0vpIlggNMjLAQG7ESYqRZsBQbX07WWIImEzYFDsJgBOSYiQZL8",
    clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiVFU5RFN3Iiwib3JpZ2luIjoiaHR0cDovL2xvY2FsaG9zdDo4MTAzIiwiY3Jvc3NPcmlnaW4iOmZhbHNlfQ",
    transports: ["hybrid", "internal"],
    publicKeyAlgorithm: -7,
  },
  type: "public-key",
  clientExtensionResults: {},
  authenticatorAttachment: "platform",
};
const recordedAuthentication = {
  id: credentialId,
  rawId: credentialId,
  response: {
    authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MdAAAAAA",
    clientDataJSON:
      "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiVFU5RFN3Iiwib3JpZ2luIjoiaHR0cDovL2xvY2FsaG9zdDo4MTAzIiwiY3Jvc3NPcmlnaW4iOmZhbHNlLCJvdGhlcl9rZXlzX2Nhbl9iZV9hZGRlZF9oZXJlIjoiZG8gbm90IGNvbXBhcmUgY2xpZW50RGF0YUpTT04gYWdhaW5zdCBhIHRlbXBsYXRlLiBTZWUgaHR0cHM6Ly9nb28uZ2wveWFiUGV4In0",
    signature: "MEUCIQDPFYXxm-ALPZVuP4YdXBr1INrfObXR6hukxTttYNnegAIgEfy5MlnIi10VwmilOmuT1TuuDBLw9GDSv9DQuIRZXRE",
    userHandle: "YzE3YzJjNjMtMTkxZi00MWZmLTlkNjEtYzBjOGVlMmVlMGQ0",
  },
  type: "public-key",
  clientExtensionResults: {},
  authenticatorAttachment: "platform",
};

let replaying: BackendProcess;

beforeAll(async () => {
  replaying = await startBackend({ ...backendEnv(testEnv()), HEXCLAVE_DEV: "1", STACK_ENABLE_HARDCODED_PASSKEY_CHALLENGE_FOR_TESTING: "yes" }, { quiet: true });
}, 60_000);
afterAll(() => replaying?.stop());

async function registerRecorded(baseUrl?: string) {
  const project = await createTestProject("Recorded passkeys");
  await patchProjectConfig(project, { passkey_enabled: true });
  // Signed up on the backend that checks the token: development mode signs access tokens with keys of its own.
  const signUp = await api("/api/v1/auth/password/sign-up", { baseUrl, headers: projectHeaders(project, "client"), body: { email: uniqueEmail("recorded"), password: "correct horse battery" } });
  const user = { userId: signUp.body.user_id as string };
  const headers = projectHeaders(project, "client", { "access-token": signUp.body.access_token });
  const started = await api("/api/v1/auth/passkey/initiate-passkey-registration", { baseUrl, headers, body: {} });
  const registered = await api("/api/v1/auth/passkey/register", { baseUrl, headers, body: { code: started.body.code, credential: recordedRegistration } });
  return { project, user, started, registered };
}

describe("passkey answers recorded against the fixed test challenge", () => {
  it("register and sign in on a backend in that mode", async () => {
    const { project, user, started, registered } = await registerRecorded(replaying.url);
    expect(started.body?.options_json?.challenge, started.text).toBe("TU9DSw");
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({ user_handle: credentialId });
    const headers = projectHeaders(project, "client");
    const initiated = await api("/api/v1/auth/passkey/initiate-passkey-authentication", { baseUrl: replaying.url, headers, body: {} });
    const signedIn = await api("/api/v1/auth/passkey/sign-in", { baseUrl: replaying.url, headers, body: { code: initiated.body.code, authentication_response: recordedAuthentication } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ user_id: user.userId, is_new_user: false });
  });

  it("are refused by a backend with random challenges", async () => {
    const { started, registered } = await registerRecorded();
    expect(started.body.options_json.challenge).not.toBe("TU9DSw");
    expect(registered.status).toBe(400);
    expect(registered.body.code).toBe("PASSKEY_REGISTRATION_FAILED");
  });
});
