import { describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { enableMagicLinks, testEnv, uniqueEmail } from "../harness/rest";
import { ALL_SDKS } from "./clients";
import { createProjectThroughSdk } from "./sdk-project";

const PASSWORD = "correct horse battery";
const CALLBACK = "http://localhost:3000/handler/email-verification";

describe.each(ALL_SDKS)("$name against the backend", ({ sdk }) => {
  it("signs up in the internal project, creates a project and a key set", async () => {
    const { project, keys, owner } = await createProjectThroughSdk(sdk);
    expect(project.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(project.displayName).toBe("SDK project");
    expect(keys.publishableClientKey).toMatch(/^pck_[a-z2-7]{45}$/);
    expect(keys.secretServerKey).toMatch(/^ssk_[a-z2-7]{45}$/);
    expect(keys.superSecretAdminKey).toMatch(/^sak_[a-z2-7]{45}$/);
    const owned = await owner.listOwnedProjects();
    expect(owned.map((p: { id: string }) => p.id)).toContain(project.id);
  });

  it("runs the client flow: sign up, sign in, read and update the user, sign out", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const app = new sdk.StackClientApp({
      baseUrl: testEnv().backendUrl,
      projectId: project.id,
      publishableClientKey: keys.publishableClientKey,
      tokenStore: "memory",
    });
    const email = uniqueEmail("client");
    expect((await app.signUpWithCredential({ email, password: PASSWORD, noVerificationCallback: true })).status).toBe("ok");
    await app.signOut();
    expect(await app.getUser()).toBeNull();

    const wrong = await app.signInWithCredential({ email, password: "wrong password!" });
    expect(wrong.status).toBe("error");
    expect(wrong.error.errorCode).toBe("EMAIL_PASSWORD_MISMATCH");

    expect((await app.signInWithCredential({ email, password: PASSWORD, noRedirect: true })).status).toBe("ok");
    const user = await app.getUser({ or: "throw" });
    expect(user.primaryEmail).toBe(email);
    expect(user.hasPassword).toBe(true);

    await user.update({ displayName: "Ada Lovelace" });
    expect((await app.getUser({ or: "throw" })).displayName).toBe("Ada Lovelace");

    await user.signOut();
    expect(await app.getUser()).toBeNull();
  });

  it("runs the server flow: create, page through, read, update and delete users", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const server = new sdk.StackServerApp({
      baseUrl: testEnv().backendUrl,
      projectId: project.id,
      publishableClientKey: keys.publishableClientKey,
      secretServerKey: keys.secretServerKey,
      tokenStore: "memory",
    });
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await server.createUser({ primaryEmail: uniqueEmail(`server${i}`), password: PASSWORD, displayName: `User ${i}` }));
    }
    expect(created[0].displayName).toBe("User 0");

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const users = await server.listUsers({ limit: 2, cursor });
      seen.push(...users.map((u: { id: string }) => u.id));
      if (!users.nextCursor) break;
      cursor = users.nextCursor;
    }
    expect(seen).toEqual(created.map((u) => u.id));

    const fetched = await server.getUser(created[2].id);
    expect(fetched.primaryEmail).toBe(created[2].primaryEmail);
    await fetched.update({ displayName: "Renamed", serverMetadata: { plan: "pro" } });
    const updated = await server.getUser(created[2].id);
    expect(updated.displayName).toBe("Renamed");
    expect(updated.serverMetadata).toEqual({ plan: "pro" });

    await updated.delete();
    expect(await server.getUser(created[2].id)).toBeNull();
  });

  it("manages sessions: a server opens one, the user lists and revokes it", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
    const app = new sdk.StackClientApp(options);
    await app.signUpWithCredential({ email: uniqueEmail("sessions"), password: PASSWORD, noVerificationCallback: true });
    const user = await app.getUser({ or: "throw" });

    const server = new sdk.StackServerApp({ ...options, secretServerKey: keys.secretServerKey });
    const serverUser = await server.getUser(user.id);
    const opened = await serverUser.createSession({ expiresInMillis: 3_600_000 });
    expect((await opened.getTokens()).refreshToken).toMatch(/^[a-z2-7]{45}$/);

    const sessions = await user.getActiveSessions();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: { isCurrentSession: boolean }) => s.isCurrentSession)).toHaveLength(1);
    const other = sessions.find((s: { isCurrentSession: boolean }) => !s.isCurrentSession);
    await user.revokeSession(other.id);
    expect((await serverUser.getActiveSessions()).map((s: { id: string }) => s.id)).not.toContain(other.id);
  });

  it("changes the password: a wrong current one is refused, the new one signs in, other sessions end", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
    const app = new sdk.StackClientApp(options);
    const email = uniqueEmail("password");
    await app.signUpWithCredential({ email, password: PASSWORD, noVerificationCallback: true });
    const otherDevice = new sdk.StackClientApp(options);
    await otherDevice.signInWithCredential({ email, password: PASSWORD, noRedirect: true });
    const user = await app.getUser({ or: "throw" });

    const refused = await user.updatePassword({ oldPassword: "not the password", newPassword: "a brand new passphrase" });
    expect(refused?.errorCode).toBe("PASSWORD_CONFIRMATION_MISMATCH");
    expect(await user.updatePassword({ oldPassword: PASSWORD, newPassword: "a brand new passphrase" })).toBeUndefined();

    expect((await app.signInWithCredential({ email, password: PASSWORD, noRedirect: true })).status).toBe("error");
    expect((await app.getUser({ or: "throw" })).id).toBe(user.id);
    const fresh = new sdk.StackClientApp(options);
    expect((await fresh.signInWithCredential({ email, password: "a brand new passphrase", noRedirect: true })).status).toBe("ok");
    const sessions = await (await fresh.getUser({ or: "throw" })).getActiveSessions();
    expect(sessions).toHaveLength(2);
  });

  it("verifies the primary email with the link from the real mail", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const app = new sdk.StackClientApp({ baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" });
    const email = uniqueEmail("sdkverify");
    await app.signUpWithCredential({ email, password: PASSWORD, noVerificationCallback: true });
    const user = await app.getUser({ or: "throw" });
    expect(user.primaryEmailVerified).toBe(false);
    expect(await user.sendVerificationEmail({ callbackUrl: CALLBACK })).toBeUndefined();
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    expect((await app.verifyEmail(code)).status).toBe("ok");
    expect((await app.getUser({ or: "throw" })).primaryEmailVerified).toBe(true);
    const again = await app.verifyEmail(code);
    expect(again.status).toBe("error");
    expect(again.error.errorCode).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("adds a contact channel, verifies it from the mail, and deletes it", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const app = new sdk.StackClientApp({ baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" });
    await app.signUpWithCredential({ email: uniqueEmail("sdkchannels"), password: PASSWORD, noVerificationCallback: true });
    const user = await app.getUser({ or: "throw" });
    const address = uniqueEmail("second-address");
    const channel = await user.createContactChannel({ value: address, type: "email", usedForAuth: false });
    expect(channel).toMatchObject({ value: address, isPrimary: false, isVerified: false, usedForAuth: false });
    await channel.sendVerificationEmail({ callbackUrl: CALLBACK });
    expect((await app.verifyEmail(codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, address)))).status).toBe("ok");
    const listed = await user.listContactChannels();
    expect(listed.map((c: { value: string; isVerified: boolean }) => [c.value, c.isVerified])).toContainEqual([address, true]);
    await listed.find((c: { value: string }) => c.value === address).delete();
    expect((await user.listContactChannels()).map((c: { value: string }) => c.value)).not.toContain(address);
  });

  it("resets a forgotten password from the link in the real mail", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
    const app = new sdk.StackClientApp(options);
    const email = uniqueEmail("sdkreset");
    await app.signUpWithCredential({ email, password: PASSWORD, noVerificationCallback: true });
    const sent = await app.sendForgotPasswordEmail(email, { callbackUrl: "http://localhost:3000/handler/password-reset" });
    expect(sent.status).toBe("ok");
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    expect((await app.verifyPasswordResetCode(code)).status).toBe("ok");
    expect((await app.resetPassword({ code, password: "a brand new passphrase" })).status).toBe("ok");
    const fresh = new sdk.StackClientApp(options);
    expect((await fresh.signInWithCredential({ email, password: "a brand new passphrase", noRedirect: true })).status).toBe("ok");
    expect((await app.resetPassword({ code, password: "yet another passphrase" })).error.errorCode).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("signs up with a mailed sign-in code, then signs in with the link", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    await enableMagicLinks({ projectId: project.id, superSecretAdminKey: keys.superSecretAdminKey });
    const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
    const callbackUrl = "http://localhost:3000/handler/magic-link-callback";
    const email = uniqueEmail("sdkotp");
    const app = new sdk.StackClientApp(options);
    const sent = await app.sendMagicLinkEmail(email, { callbackUrl });
    expect(sent.status).toBe("ok");
    const first = await waitForEmail(testEnv().maildev.webUrl, email);
    const otp = codeFromEmail(first).slice(0, 6).toUpperCase();
    expect((await app.signInWithMagicLink(`${otp}${sent.data.nonce}`, { noRedirect: true })).status).toBe("ok");
    const user = await app.getUser({ or: "throw" });
    expect(user.primaryEmail).toBe(email);
    expect(user.primaryEmailVerified).toBe(true);

    const other = new sdk.StackClientApp(options);
    await other.sendMagicLinkEmail(email, { callbackUrl });
    const second = await waitForEmail(testEnv().maildev.webUrl, email, (mail) => mail.id !== first.id);
    expect((await other.signInWithMagicLink(codeFromEmail(second), { noRedirect: true })).status).toBe("ok");
    expect((await other.getUser({ or: "throw" })).id).toBe(user.id);
  });

  it("starts anonymous and signs up into the same user", async () => {
    const { project, keys } = await createProjectThroughSdk(sdk);
    const app = new sdk.StackClientApp({ baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" });
    const anonymous = await app.getUser({ or: "anonymous" });
    expect(anonymous.isAnonymous).toBe(true);
    const email = uniqueEmail("sdkanon");
    expect((await app.signUpWithCredential({ email, password: PASSWORD, noVerificationCallback: true })).status).toBe("ok");
    const user = await app.getUser({ or: "throw" });
    expect(user.id).toBe(anonymous.id);
    expect(user.isAnonymous).toBe(false);
    expect(user.primaryEmail).toBe(email);
  });
});
