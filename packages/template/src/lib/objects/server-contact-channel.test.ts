import {
  BASE_URL,
  FIXTURE_IDS,
  PROJECT_ID,
  type Reply,
  contactChannelJson,
  fakeFetch,
  knownError,
  list,
  ok,
  requestOf,
  serverUserJson,
} from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveAdminApp, HexclaveServerApp } from "../public-api.js";
import { serverContactChannelCreateToJson } from "./server-contact-channel.js";

const USER = FIXTURE_IDS.user;
const CHANNEL = FIXTURE_IDS.contactChannel;
const CALLBACK = "https://app.example/handler/email-verification";

/** A user read through a server (or admin) app whose next answers are `replies`; `requests` starts after that read. */
async function serverUser(kind: "server" | "admin", ...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(ok(serverUserJson()), ...replies);
  const options = { projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", fetch };
  const app = kind === "server" ? new HexclaveServerApp(options) : new HexclaveAdminApp({ ...options, superSecretAdminKey: "sak" });
  const user = await app.getUser(USER);
  if (!user) throw new Error("the fixture user should exist");
  calls.splice(0);
  return { user, requests: () => calls.map(requestOf) };
}

describe("a server user's contact channels", () => {
  it("lists them by the user's id with server access", async () => {
    const work = contactChannelJson({ id: "c2", value: "ada@work.example", is_primary: false, is_verified: false, used_for_auth: false });
    const { user, requests } = await serverUser("server", ok(list([contactChannelJson(), work])));
    const channels = await user.listContactChannels();
    expect(channels.map(({ id, value, type, isPrimary, isVerified, usedForAuth }) => ({ id, value, type, isPrimary, isVerified, usedForAuth }))).toEqual([
      { id: CHANNEL, value: "ada@example.com", type: "email", isPrimary: true, isVerified: true, usedForAuth: true },
      { id: "c2", value: "ada@work.example", type: "email", isPrimary: false, isVerified: false, usedForAuth: false },
    ]);
    expect(requests()).toEqual([{ method: "GET", path: `/contact-channels?user_id=${USER}`, body: undefined, accessType: "server" }]);
  });

  it("adds one for the user, verified from the start when asked", async () => {
    const created = contactChannelJson({ value: "ada@work.example", is_primary: false, used_for_auth: false });
    const { user, requests } = await serverUser("server", ok(created));
    const channel = await user.createContactChannel({ type: "email", value: "ada@work.example", usedForAuth: false, isVerified: true });
    expect(channel).toMatchObject({ id: CHANNEL, value: "ada@work.example", isVerified: true, isPrimary: false });
    expect(requests()).toEqual([
      {
        method: "POST",
        path: "/contact-channels",
        body: { user_id: USER, type: "email", value: "ada@work.example", used_for_auth: false, is_verified: true },
        accessType: "server",
      },
    ]);
  });

  it("changes only the fields given, the verified state included", async () => {
    const { user, requests } = await serverUser("server", ok(list([contactChannelJson()])), ok(contactChannelJson()), ok(contactChannelJson()));
    const [channel] = await user.listContactChannels();
    await channel?.update({ isVerified: false });
    await channel?.update({ isPrimary: true, usedForAuth: false });
    expect(requests().slice(1)).toEqual([
      { method: "PATCH", path: `/contact-channels/${USER}/${CHANNEL}`, body: { is_verified: false }, accessType: "server" },
      { method: "PATCH", path: `/contact-channels/${USER}/${CHANNEL}`, body: { is_primary: true, used_for_auth: false }, accessType: "server" },
    ]);
  });

  it("removes one", async () => {
    const { user, requests } = await serverUser("server", ok(list([contactChannelJson()])), ok({ success: true }));
    const [channel] = await user.listContactChannels();
    await channel?.delete();
    expect(requests()[1]).toEqual({ method: "DELETE", path: `/contact-channels/${USER}/${CHANNEL}`, body: undefined, accessType: "server" });
  });

  it("mails a verification link that opens the given callback URL", async () => {
    const { user, requests } = await serverUser("server", ok(list([contactChannelJson({ is_verified: false })])), ok({ success: true }));
    const [channel] = await user.listContactChannels();
    expect(await channel?.sendVerificationEmail({ callbackUrl: CALLBACK })).toBeUndefined();
    expect(requests()[1]).toEqual({
      method: "POST",
      path: `/contact-channels/${USER}/${CHANNEL}/send-verification-code`,
      body: { callback_url: CALLBACK },
      accessType: "server",
    });
  });

  it("answers a refused verification email with the known error", async () => {
    const { user } = await serverUser("server", ok(list([contactChannelJson()])), knownError("EMAIL_ALREADY_VERIFIED", 409));
    const [channel] = await user.listContactChannels();
    expect(await channel?.sendVerificationEmail({ callbackUrl: CALLBACK })).toMatchObject({ code: "EMAIL_ALREADY_VERIFIED" });
  });

  it("asks for a callback URL outside a browser instead of sending a relative one", async () => {
    const { user, requests } = await serverUser("server", ok(list([contactChannelJson({ is_verified: false })])));
    const [channel] = await user.listContactChannels();
    await expect(channel?.sendVerificationEmail()).rejects.toThrow(/callbackUrl/);
    expect(requests()).toHaveLength(1);
  });

  it("makes the same calls with admin access from the admin app", async () => {
    const { user, requests } = await serverUser("admin", ok(list([contactChannelJson()])), ok(contactChannelJson()));
    const [channel] = await user.listContactChannels();
    await channel?.update({ isVerified: true });
    expect(requests().map((request) => request.accessType)).toEqual(["admin", "admin"]);
  });
});

describe("serverContactChannelCreateToJson", () => {
  it("leaves out the optional fields that were not given", () => {
    expect(serverContactChannelCreateToJson(USER, { type: "email", value: "a@example.com", usedForAuth: true })).toEqual({
      user_id: USER,
      type: "email",
      value: "a@example.com",
      used_for_auth: true,
    });
  });

  it("sends is_primary and is_verified when given, false included", () => {
    expect(serverContactChannelCreateToJson(USER, { type: "email", value: "a@example.com", usedForAuth: false, isPrimary: false, isVerified: false })).toEqual({
      user_id: USER,
      type: "email",
      value: "a@example.com",
      used_for_auth: false,
      is_primary: false,
      is_verified: false,
    });
  });
});
