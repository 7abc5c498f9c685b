import { describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { api, enableMagicLinks, patchProjectConfig, projectHeaders, refreshWithOAuth, testEnv, uniqueEmail } from "../harness/rest";
import { ALL_SDKS, type StackSdk } from "./clients";
import { createProjectThroughSdk } from "./sdk-project";

// The attacker/victim story of account pre-hijacking, told by real SDK clients: published ones nobody here wrote,
// and ours. An address nobody proved never locks its owner out nor hands them an account someone else still holds.

const ATTACKER_PASSWORD = "the attacker's passphrase";
const VICTIM_PASSWORD = "the victim's own passphrase";
const RESET_CALLBACK = "http://localhost:3000/handler/password-reset";
const MAGIC_CALLBACK = "http://localhost:3000/handler/magic-link-callback";

async function setUp(sdk: StackSdk) {
  const { project, keys } = await createProjectThroughSdk(sdk);
  await enableMagicLinks({ projectId: project.id, superSecretAdminKey: keys.superSecretAdminKey });
  await patchProjectConfig({ projectId: project.id, superSecretAdminKey: keys.superSecretAdminKey }, { allow_user_api_keys: true });
  const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
  const server = new sdk.StackServerApp({ ...options, secretServerKey: keys.secretServerKey });
  const target = { projectId: project.id as string, publishableClientKey: keys.publishableClientKey, secretServerKey: keys.secretServerKey, superSecretAdminKey: keys.superSecretAdminKey };
  return { projectId: project.id as string, newClient: () => new sdk.StackClientApp(options), server, target };
}

const mailedCode = async (to: string, subject: RegExp) =>
  codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, to, (mail) => subject.test(mail.subject)));

describe.each(ALL_SDKS)("$name: account pre-hijacking", ({ sdk }) => {
  it("a stranger's address set on the attacker's account signs nobody in, and its owner gets an account of their own", async () => {
    const { newClient } = await setUp(sdk);
    const attacker = newClient();
    expect((await attacker.signUpWithCredential({ email: uniqueEmail("claimant"), password: ATTACKER_PASSWORD, noVerificationCallback: true })).status).toBe("ok");
    const attackerUser = await attacker.getUser({ or: "throw" });
    const victim = uniqueEmail("rightful");
    await attackerUser.update({ primaryEmail: victim });
    expect((await attacker.getUser({ or: "throw" })).primaryEmail).toBe(victim);

    const impostor = newClient();
    expect((await impostor.signInWithCredential({ email: victim, password: ATTACKER_PASSWORD, noRedirect: true })).error?.errorCode).toBe("EMAIL_PASSWORD_MISMATCH");

    const owner = newClient();
    expect((await owner.signUpWithCredential({ email: victim, password: VICTIM_PASSWORD, noVerificationCallback: true })).status).toBe("ok");
    const ownerUser = await owner.getUser({ or: "throw" });
    expect(ownerUser.id).not.toBe(attackerUser.id);

    expect((await newClient().sendForgotPasswordEmail(victim, { callbackUrl: RESET_CALLBACK })).status).toBe("ok");
    const code = await mailedCode(victim, /password/i);
    expect((await newClient().resetPassword({ code, password: "a reset passphrase" })).status).toBe("ok");
    const again = newClient();
    expect((await again.signInWithCredential({ email: victim, password: "a reset passphrase", noRedirect: true })).status).toBe("ok");
    expect((await again.getUser({ or: "throw" })).id).toBe(ownerUser.id);
  });

  it("an account opened with the owner's address loses its opener's sessions, keys, password and back door when the owner resets", async () => {
    const { projectId, newClient, server, target } = await setUp(sdk);
    const victim = uniqueEmail("rightful");
    const attacker = newClient();
    expect((await attacker.signUpWithCredential({ email: victim, password: ATTACKER_PASSWORD, noVerificationCallback: true })).status).toBe("ok");
    const attackerUser = await attacker.getUser({ or: "throw" });
    const key = await attackerUser.createApiKey({ description: "left behind", expiresAt: null });
    const { refreshToken } = await attackerUser.getAuthJson();
    const backdoor = uniqueEmail("backdoor");
    await api("/api/v1/contact-channels", {
      headers: projectHeaders(target, "server"),
      body: { user_id: attackerUser.id, type: "email", value: backdoor, used_for_auth: true, is_verified: true },
    });

    // What Stack Auth's API answers the owner while the address is held unverified: taken, and no sign-in code.
    const owner = newClient();
    expect((await owner.signUpWithCredential({ email: victim, password: VICTIM_PASSWORD, noVerificationCallback: true })).error?.errorCode).toBe("USER_EMAIL_ALREADY_EXISTS");
    // The published SDKs throw this one rather than return it.
    const magicLink = await owner.sendMagicLinkEmail(victim, { callbackUrl: MAGIC_CALLBACK }).catch((error: { errorCode?: string }) => ({ error }));
    expect(magicLink.error?.errorCode).toBe("USER_EMAIL_ALREADY_EXISTS");

    expect((await owner.sendForgotPasswordEmail(victim, { callbackUrl: RESET_CALLBACK })).status).toBe("ok");
    const code = await mailedCode(victim, /password/i);
    expect((await owner.resetPassword({ code, password: VICTIM_PASSWORD })).status).toBe("ok");

    expect((await refreshWithOAuth(projectId, refreshToken)).body.code).toBe("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
    expect(await server.getUser({ apiKey: key.value })).toBeNull();
    expect((await newClient().signInWithCredential({ email: victim, password: ATTACKER_PASSWORD, noRedirect: true })).error?.errorCode).toBe("EMAIL_PASSWORD_MISMATCH");
    expect((await newClient().signInWithCredential({ email: backdoor, password: VICTIM_PASSWORD, noRedirect: true })).error?.errorCode).toBe("EMAIL_PASSWORD_MISMATCH");
    expect((await owner.signInWithCredential({ email: victim, password: VICTIM_PASSWORD, noRedirect: true })).status).toBe("ok");
    const claimed = await owner.getUser({ or: "throw" });
    expect(claimed).toMatchObject({ id: attackerUser.id, primaryEmail: victim, primaryEmailVerified: true });
  });
});
