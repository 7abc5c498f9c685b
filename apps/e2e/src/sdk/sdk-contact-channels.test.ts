import { HexclaveAdminApp, HexclaveClientApp, HexclaveServerApp, type ServerContactChannel } from "@stackframe/js";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, createTestProject, testEnv, uniqueEmail } from "../harness/rest";
import { ALL_SDKS } from "./clients";

const CALLBACK = "http://localhost:3000/handler/email-verification";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("SDK contact channels");
});

const appOptions = () => ({
  baseUrl: testEnv().backendUrl,
  projectId: project.projectId,
  publishableClientKey: project.publishableClientKey,
  tokenStore: "memory" as const,
});

type Channel = { id: string; value: string; isPrimary: boolean; isVerified: boolean; usedForAuth: boolean };
const shape = ({ value, isPrimary, isVerified, usedForAuth }: Channel) => ({ value, isPrimary, isVerified, usedForAuth });

// The published SDKs call the same routes for a server user's channels, so all three run the common part.
describe.each(ALL_SDKS)("$name: a server user's contact channels", ({ sdk }) => {
  it("lists, adds, promotes, marks verified, changes sign-in use and removes them", async () => {
    const server = new sdk.StackServerApp({ ...appOptions(), secretServerKey: project.secretServerKey });
    const email = uniqueEmail("channels");
    const user = await server.createUser({ primaryEmail: email, primaryEmailAuthEnabled: true });
    expect((await user.listContactChannels()).map(shape)).toEqual([{ value: email, isPrimary: true, isVerified: false, usedForAuth: true }]);

    const work = uniqueEmail("work");
    const created = await user.createContactChannel({ type: "email", value: work, usedForAuth: false, isVerified: true });
    expect(shape(created)).toEqual({ value: work, isPrimary: false, isVerified: true, usedForAuth: false });

    await created.update({ isPrimary: true, usedForAuth: true });
    expect((await server.getUser(user.id)).primaryEmail).toBe(work);
    const [first] = (await user.listContactChannels()).filter((channel: Channel) => channel.value === email);
    await first.update({ isVerified: true });
    await first.update({ usedForAuth: false });
    expect((await user.listContactChannels()).map(shape)).toEqual([
      { value: email, isPrimary: false, isVerified: true, usedForAuth: false },
      { value: work, isPrimary: true, isVerified: true, usedForAuth: true },
    ]);

    await first.delete();
    expect((await user.listContactChannels()).map((channel: Channel) => channel.value)).toEqual([work]);
  });
});

describe("our SDK: a server user's contact channels", () => {
  const server = () => new HexclaveServerApp({ ...appOptions(), secretServerKey: project.secretServerKey });

  it("mails a verification link that verifies the address, then answers a second request with EMAIL_ALREADY_VERIFIED", async () => {
    const user = await server().createUser({ primaryEmail: uniqueEmail("owner") });
    const address = uniqueEmail("verify");
    const channel = await user.createContactChannel({ type: "email", value: address, usedForAuth: false });
    expect(await channel.sendVerificationEmail({ callbackUrl: CALLBACK })).toBeUndefined();
    const mail = await waitForEmail(testEnv().maildev.webUrl, address);
    expect(mail.text).toContain(`${CALLBACK}?code=`);
    const client = new HexclaveClientApp(appOptions());
    expect((await client.verifyEmail(codeFromEmail(mail))).status).toBe("ok");
    const [verified] = (await user.listContactChannels()).filter((c) => c.value === address);
    expect(verified?.isVerified).toBe(true);
    expect(await verified?.sendVerificationEmail({ callbackUrl: CALLBACK })).toMatchObject({ code: "EMAIL_ALREADY_VERIFIED" });
  });

  it("refuses a verification link to an untrusted site and another user's sign-in address", async () => {
    const user = await server().createUser({ primaryEmail: uniqueEmail("a") });
    const other = await server().createUser({ primaryEmail: uniqueEmail("b"), primaryEmailAuthEnabled: true });
    const [channel] = await user.listContactChannels();
    expect(await channel!.sendVerificationEmail({ callbackUrl: "https://evil.example.com/handler/email-verification" })).toMatchObject({
      code: "REDIRECT_URL_NOT_WHITELISTED",
    });
    await expect(user.createContactChannel({ type: "email", value: other.primaryEmail!, usedForAuth: true })).rejects.toMatchObject({
      code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
    });
  });

  it("works the same through the admin app, as the dashboard uses it", async () => {
    const admin = new HexclaveAdminApp({ ...appOptions(), superSecretAdminKey: project.superSecretAdminKey });
    const user = await admin.createUser({ primaryEmail: uniqueEmail("admin") });
    const added: ServerContactChannel = await user.createContactChannel({ type: "email", value: uniqueEmail("added"), usedForAuth: false });
    await added.update({ isVerified: true });
    expect((await user.listContactChannels()).find((c) => c.id === added.id)?.isVerified).toBe(true);
    await added.delete();
    expect((await user.listContactChannels()).map((c) => c.id)).not.toContain(added.id);
  });
});
