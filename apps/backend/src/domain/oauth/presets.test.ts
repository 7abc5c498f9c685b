import { describe, expect, it } from "vitest";
import { PRESETS, type ProfileInput, ProviderAnswerError, type ResourceReader, onOrigin } from "./presets";

// Each provider's API answers as its documentation shows, so a preset that reads the wrong field fails here.
type Answer = unknown | ((headers: Record<string, string>) => unknown);
type Calls = { url: string; headers: Record<string, string> }[];

/** A provider API that knows only the URLs given; any other URL is a 404, which the real reader turns into this error. */
function providerApi(answers: Record<string, Answer>): { read: ResourceReader; calls: Calls } {
  const calls: Calls = [];
  const read: ResourceReader = async (url, headers = {}) => {
    calls.push({ url, headers });
    if (!Object.hasOwn(answers, url)) throw new ProviderAnswerError(`The provider answered 404 for its profile (${url}).`);
    const answer = answers[url];
    return typeof answer === "function" ? answer(headers) : structuredClone(answer);
  };
  return { read, calls };
}

const CLIENT_ID = "client-123";

function profileOf(type: string, answers: Record<string, Answer>, claims?: Record<string, unknown>, url = (endpoint: string) => endpoint) {
  const { read, calls } = providerApi(answers);
  const input: ProfileInput = { read, claims, url, clientId: CLIENT_ID };
  return { profile: PRESETS[type]!.profile(input), calls };
}

const GITHUB_USER = {
  login: "octocat",
  id: 583231,
  node_id: "MDQ6VXNlcjU4MzIzMQ==",
  avatar_url: "https://avatars.githubusercontent.com/u/583231?v=4",
  gravatar_id: "",
  html_url: "https://github.com/octocat",
  type: "User",
  site_admin: false,
  name: "The Octocat",
  company: "@github",
  // The public profile address: chosen by the user, never checked by GitHub.
  email: "octocat-public@example.com",
  public_repos: 8,
  created_at: "2011-01-25T18:44:36Z",
};
const githubEmails = (primaryVerified: boolean) => [
  { email: "octocat@users.noreply.github.com", verified: true, primary: false, visibility: null },
  { email: "octocat@github.com", verified: primaryVerified, primary: true, visibility: "private" },
];
const github = (user: Record<string, unknown>, emails: unknown) => ({ "https://api.github.com/user": user, "https://api.github.com/user/emails": emails });

describe("github", () => {
  it("takes the primary address and its verification from /user/emails, not the profile's public email", async () => {
    await expect(profileOf("github", github(GITHUB_USER, githubEmails(true))).profile).resolves.toEqual({
      accountId: "583231",
      email: "octocat@github.com",
      emailVerified: true,
      displayName: "The Octocat",
      profileImageUrl: "https://avatars.githubusercontent.com/u/583231?v=4",
    });
  });

  it("keeps an unverified primary address as unverified, even when another address is verified", async () => {
    await expect(profileOf("github", github(GITHUB_USER, githubEmails(false))).profile).resolves.toMatchObject({ email: "octocat@github.com", emailVerified: false });
  });

  it("falls back to the login when the account has no name", async () => {
    await expect(profileOf("github", github({ ...GITHUB_USER, name: null }, githubEmails(true))).profile).resolves.toMatchObject({ displayName: "octocat" });
  });

  it("reads the moved endpoints when its base URL is overridden", async () => {
    const origin = "http://127.0.0.1:4010";
    const answers = { [`${origin}/user`]: GITHUB_USER, [`${origin}/user/emails`]: githubEmails(true) };
    const { profile, calls } = profileOf("github", answers, undefined, (endpoint) => onOrigin(endpoint, origin));
    await expect(profile).resolves.toMatchObject({ accountId: "583231" });
    expect(calls.map((call) => call.url)).toEqual([`${origin}/user`, `${origin}/user/emails`]);
  });
});

const DISCORD_USER = {
  id: "80351110224678912",
  username: "nelly",
  discriminator: "0",
  global_name: "Nelly",
  avatar: "8342729096ea3675442027381ff50dfe",
  bot: false,
  mfa_enabled: true,
  banner: null,
  accent_color: null,
  locale: "en-US",
  verified: true,
  email: "nelly@discord.com",
  flags: 64,
  premium_type: 1,
  public_flags: 64,
};
const discord = (user: Record<string, unknown>) => ({ "https://discord.com/api/users/@me": user });

describe("discord", () => {
  it("reads /users/@me and builds the CDN avatar URL from the hash", async () => {
    await expect(profileOf("discord", discord(DISCORD_USER)).profile).resolves.toEqual({
      accountId: "80351110224678912",
      email: "nelly@discord.com",
      emailVerified: true,
      displayName: "Nelly",
      profileImageUrl: "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
    });
  });

  it("has no picture without an avatar, the username without a global name, and an unverified address", async () => {
    await expect(profileOf("discord", discord({ ...DISCORD_USER, avatar: null, global_name: null, verified: false })).profile).resolves.toMatchObject({
      displayName: "nelly",
      profileImageUrl: null,
      emailVerified: false,
    });
  });
});

const GITLAB_USER = {
  id: 1,
  username: "john_smith",
  email: "john@example.com",
  name: "John Smith",
  state: "active",
  locked: false,
  avatar_url: "https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png",
  web_url: "https://gitlab.com/john_smith",
  created_at: "2012-05-23T08:00:58Z",
  public_email: "",
  commit_email: "john@example.com",
  confirmed_at: "2012-05-23T09:05:22Z",
  two_factor_enabled: false,
};

describe("gitlab", () => {
  it("reads /api/v4/user, verified once the account is confirmed", async () => {
    await expect(profileOf("gitlab", { "https://gitlab.com/api/v4/user": GITLAB_USER }).profile).resolves.toEqual({
      accountId: "1",
      email: "john@example.com",
      emailVerified: true,
      displayName: "John Smith",
      profileImageUrl: "https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png",
    });
    await expect(profileOf("gitlab", { "https://gitlab.com/api/v4/user": { ...GITLAB_USER, confirmed_at: null } }).profile).resolves.toMatchObject({ emailVerified: false });
  });
});

const BITBUCKET_USER = {
  type: "user",
  uuid: "{d301aafa-d676-4ee0-88be-962be7417567}",
  account_id: "557058:c0b72ad0-1cb5-4018-9cdc-0cde8492c443",
  nickname: "evzijst",
  display_name: "Erik van Zijst",
  account_status: "active",
  created_on: "2010-07-07T19:43:06+00:00",
  links: {
    self: { href: "https://api.bitbucket.org/2.0/users/%7Bd301aafa-d676-4ee0-88be-962be7417567%7D" },
    avatar: { href: "https://secure.gravatar.com/avatar/f6bcbb4e3f665e74455bd8c0b4b3afba?d=https%3A%2F%2Favatar-management.example%2FEV-0.png" },
    html: { href: "https://bitbucket.org/%7Bd301aafa-d676-4ee0-88be-962be7417567%7D/" },
  },
};
const bitbucketEmails = (primaryConfirmed: boolean) => ({
  pagelen: 10,
  page: 1,
  size: 2,
  values: [
    { is_primary: false, is_confirmed: true, type: "email", email: "old@example.com", links: { self: { href: "https://api.bitbucket.org/2.0/user/emails/old@example.com" } } },
    { is_primary: true, is_confirmed: primaryConfirmed, type: "email", email: "erik@example.com", links: { self: { href: "https://api.bitbucket.org/2.0/user/emails/erik@example.com" } } },
  ],
});
const bitbucket = (emails: unknown) => ({ "https://api.bitbucket.org/2.0/user": BITBUCKET_USER, "https://api.bitbucket.org/2.0/user/emails": emails });

describe("bitbucket", () => {
  it("takes the primary address of the paginated emails list and the avatar link", async () => {
    await expect(profileOf("bitbucket", bitbucket(bitbucketEmails(true))).profile).resolves.toEqual({
      accountId: "557058:c0b72ad0-1cb5-4018-9cdc-0cde8492c443",
      email: "erik@example.com",
      emailVerified: true,
      displayName: "Erik van Zijst",
      profileImageUrl: BITBUCKET_USER.links.avatar.href,
    });
    await expect(profileOf("bitbucket", bitbucket(bitbucketEmails(false))).profile).resolves.toMatchObject({ email: "erik@example.com", emailVerified: false });
  });
});

const SPOTIFY_ME = {
  country: "SE",
  display_name: "JM Wizzler",
  email: "wizzler@example.com",
  explicit_content: { filter_enabled: false, filter_locked: false },
  external_urls: { spotify: "https://open.spotify.com/user/wizzler" },
  followers: { href: null, total: 3829 },
  href: "https://api.spotify.com/v1/users/wizzler",
  id: "wizzler",
  images: [
    { url: "https://i.scdn.co/image/ab6775700000ee8555c25988a6ac314394d3fbf5", height: 300, width: 300 },
    { url: "https://i.scdn.co/image/ab67757000003b8255c25988a6ac314394d3fbf5", height: 64, width: 64 },
  ],
  product: "premium",
  type: "user",
  uri: "spotify:user:wizzler",
};

const FACEBOOK_ME = {
  id: "10158412345678901",
  name: "Mark Example",
  email: "mark@example.com",
  picture: {
    data: { height: 50, is_silhouette: false, url: "https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158412345678901&height=50&width=50&ext=1700000000&hash=AbC", width: 50 },
  },
};

// Graph's GET /v1.0/me, as its documentation shows it.
const MICROSOFT_ME = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
  businessPhones: ["+1 412 555 0109"],
  displayName: "Megan Bowen",
  givenName: "Megan",
  jobTitle: "Auditor",
  mail: "MeganB@M365x214355.onmicrosoft.com",
  mobilePhone: null,
  officeLocation: "12/1110",
  preferredLanguage: "en-US",
  surname: "Bowen",
  userPrincipalName: "MeganB@M365x214355.onmicrosoft.com",
  id: "48d31887-5fad-4d73-a9f5-3c356e68a038",
};

describe("providers whose address is never taken as verified", () => {
  it("spotify reads /v1/me and its first image", async () => {
    await expect(profileOf("spotify", { "https://api.spotify.com/v1/me": SPOTIFY_ME }).profile).resolves.toEqual({
      accountId: "wizzler",
      email: "wizzler@example.com",
      emailVerified: false,
      displayName: "JM Wizzler",
      profileImageUrl: SPOTIFY_ME.images[0]!.url,
    });
  });

  it("facebook asks /me for the fields it reads, the picture nested in data", async () => {
    await expect(profileOf("facebook", { "https://graph.facebook.com/v19.0/me?fields=id,name,email,picture": FACEBOOK_ME }).profile).resolves.toEqual({
      accountId: "10158412345678901",
      email: "mark@example.com",
      emailVerified: false,
      displayName: "Mark Example",
      profileImageUrl: FACEBOOK_ME.picture.data.url,
    });
  });

  it("microsoft reads graph's /me by object id, never vouches for the address, and has no browser-readable picture", async () => {
    const answers = { "https://graph.microsoft.com/v1.0/me": MICROSOFT_ME };
    await expect(profileOf("microsoft", answers).profile).resolves.toEqual({
      accountId: "48d31887-5fad-4d73-a9f5-3c356e68a038",
      email: "MeganB@M365x214355.onmicrosoft.com",
      emailVerified: false,
      displayName: "Megan Bowen",
      profileImageUrl: null,
    });
    const noMail = { "https://graph.microsoft.com/v1.0/me": { ...MICROSOFT_ME, mail: null } };
    await expect(profileOf("microsoft", noMail).profile).resolves.toMatchObject({ email: "MeganB@M365x214355.onmicrosoft.com" });
  });
});

const TWITCH_USER = {
  id: "141981764",
  login: "twitchdev",
  display_name: "TwitchDev",
  type: "",
  broadcaster_type: "partner",
  description: "Supporting third-party developers building Twitch integrations.",
  profile_image_url: "https://static-cdn.jtvnw.net/jtv_user_pictures/8a6381c7-d0c0-4576-b179-38bd5ce1d6af-profile_image-300x300.png",
  offline_image_url: "https://static-cdn.jtvnw.net/jtv_user_pictures/3f13ab61-ec78-4fe6-8481-8682cb3b0ac2-channel_offline_image-1920x1080.png",
  view_count: 5980557,
  created_at: "2016-12-14T20:32:28Z",
};
// Helix answers 401 without the app's Client-Id; the address is there only with user:read:email, and only once verified.
const twitch = (user: Record<string, unknown>) => ({
  "https://api.twitch.tv/helix/users": (headers: Record<string, string>) => {
    if (headers["client-id"] !== CLIENT_ID) throw new ProviderAnswerError("The provider answered 401 for its profile.");
    return { data: [user] };
  },
});

describe("twitch", () => {
  it("sends the client id to helix /users and takes its address as verified", async () => {
    await expect(profileOf("twitch", twitch({ ...TWITCH_USER, email: "not-real@email.com" })).profile).resolves.toEqual({
      accountId: "141981764",
      email: "not-real@email.com",
      emailVerified: true,
      displayName: "TwitchDev",
      profileImageUrl: TWITCH_USER.profile_image_url,
    });
  });

  it("has no verified address when helix leaves the email out", async () => {
    await expect(profileOf("twitch", twitch(TWITCH_USER)).profile).resolves.toMatchObject({ email: null, emailVerified: false });
  });
});

describe("x", () => {
  it("reads /2/users/me with the profile image field and has no address", async () => {
    const me = { data: { id: "2244994945", name: "Developers", username: "XDevelopers", profile_image_url: "https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg" } };
    await expect(profileOf("x", { "https://api.x.com/2/users/me?user.fields=profile_image_url": me }).profile).resolves.toEqual({
      accountId: "2244994945",
      email: null,
      emailVerified: false,
      displayName: "Developers",
      profileImageUrl: me.data.profile_image_url,
    });
  });
});

const GOOGLE_ID_TOKEN = {
  iss: "https://accounts.google.com",
  azp: `${CLIENT_ID}.apps.googleusercontent.com`,
  aud: `${CLIENT_ID}.apps.googleusercontent.com`,
  sub: "110169484474386276334",
  email: "jane.doe@gmail.com",
  email_verified: true,
  at_hash: "HK6E_P6Dh8Y93mRNtsDB1Q",
  nonce: "n-0S6_WzA2Mj",
  iat: 1700000000,
  exp: 1700003600,
};
const GOOGLE_USERINFO = {
  sub: "110169484474386276334",
  name: "Jane Doe",
  given_name: "Jane",
  family_name: "Doe",
  picture: "https://lh3.googleusercontent.com/a/ACg8ocJ2Yx3kQ9fL_example=s96-c",
  email: "jane.doe@gmail.com",
  email_verified: true,
};
const LINKEDIN_USERINFO = {
  sub: "782bbtaQ",
  email_verified: true,
  name: "John Doe",
  locale: { country: "US", language: "en" },
  given_name: "John",
  family_name: "Doe",
  email: "doe@email.com",
  picture: "https://media.licdn.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/",
};
// LinkedIn's ID token carries email_verified as the string "true"; its userinfo as a boolean.
const LINKEDIN_ID_TOKEN = { iss: "https://www.linkedin.com/oauth", aud: CLIENT_ID, iat: 1700000000, exp: 1700003600, sub: "782bbtaQ", email: "doe@email.com", email_verified: "true" };

describe("OpenID presets", () => {
  it("google merges userinfo's name and picture into the checked ID token's claims", async () => {
    await expect(profileOf("google", { "https://openidconnect.googleapis.com/v1/userinfo": GOOGLE_USERINFO }, GOOGLE_ID_TOKEN).profile).resolves.toEqual({
      accountId: "110169484474386276334",
      email: "jane.doe@gmail.com",
      emailVerified: true,
      displayName: "Jane Doe",
      profileImageUrl: GOOGLE_USERINFO.picture,
    });
  });

  it("linkedin reads its userinfo beside the ID token", async () => {
    await expect(profileOf("linkedin", { "https://api.linkedin.com/v2/userinfo": LINKEDIN_USERINFO }, LINKEDIN_ID_TOKEN).profile).resolves.toEqual({
      accountId: "782bbtaQ",
      email: "doe@email.com",
      emailVerified: true,
      displayName: "John Doe",
      profileImageUrl: LINKEDIN_USERINFO.picture,
    });
  });

  it.each([
    ["google", "https://openidconnect.googleapis.com/v1/userinfo", GOOGLE_USERINFO, GOOGLE_ID_TOKEN],
    ["linkedin", "https://api.linkedin.com/v2/userinfo", LINKEDIN_USERINFO, LINKEDIN_ID_TOKEN],
  ])("%s refuses a userinfo answer about another account than the ID token", async (type, endpoint, userinfo, claims) => {
    await expect(profileOf(type, { [endpoint]: { ...userinfo, sub: "someone-else" } }, claims).profile).rejects.toBeInstanceOf(ProviderAnswerError);
  });

  it("apple reads the ID token alone, its email_verified a string or a boolean", async () => {
    const claims = {
      iss: "https://appleid.apple.com",
      aud: "com.example.app",
      exp: 1700003600,
      iat: 1700000000,
      sub: "001234.0123456789abcdef0123456789abcdef.1234",
      c_hash: "jMZnLQ1YfFAm9tDn4tpLqA",
      email: "x7mq2bd4yn@privaterelay.appleid.com",
      email_verified: "true",
      is_private_email: "true",
      auth_time: 1700000000,
      nonce_supported: true,
    };
    const { profile, calls } = profileOf("apple", {}, claims);
    await expect(profile).resolves.toEqual({ accountId: claims.sub, email: claims.email, emailVerified: true, displayName: null, profileImageUrl: null });
    expect(calls).toEqual([]);
    await expect(profileOf("apple", {}, { ...claims, email_verified: true }).profile).resolves.toMatchObject({ emailVerified: true });
    await expect(profileOf("apple", {}, { ...claims, email_verified: "false" }).profile).resolves.toMatchObject({ emailVerified: false });
  });
});

/** Each preset's API answering without an account id (an empty one where the API has the field). */
const WITHOUT_ID: Record<string, [Record<string, Answer>, Record<string, unknown>?]> = {
  google: [{ "https://openidconnect.googleapis.com/v1/userinfo": { ...GOOGLE_USERINFO, sub: undefined } }, { ...GOOGLE_ID_TOKEN, sub: undefined }],
  github: [github({ ...GITHUB_USER, id: undefined }, githubEmails(true))],
  microsoft: [{ "https://graph.microsoft.com/v1.0/me": { ...MICROSOFT_ME, id: "" } }],
  discord: [discord({ ...DISCORD_USER, id: "" })],
  gitlab: [{ "https://gitlab.com/api/v4/user": { ...GITLAB_USER, id: undefined } }],
  bitbucket: [{ ...bitbucket(bitbucketEmails(true)), "https://api.bitbucket.org/2.0/user": { ...BITBUCKET_USER, account_id: undefined, uuid: "" } }],
  linkedin: [{ "https://api.linkedin.com/v2/userinfo": { ...LINKEDIN_USERINFO, sub: "" } }, { ...LINKEDIN_ID_TOKEN, sub: "" }],
  spotify: [{ "https://api.spotify.com/v1/me": { ...SPOTIFY_ME, id: "" } }],
  facebook: [{ "https://graph.facebook.com/v19.0/me?fields=id,name,email,picture": { ...FACEBOOK_ME, id: undefined } }],
  twitch: [{ "https://api.twitch.tv/helix/users": { data: [] } }],
  x: [{ "https://api.x.com/2/users/me?user.fields=profile_image_url": { errors: [{ title: "Unauthorized" }] } }],
  apple: [{}, { email: "a@example.com", email_verified: true }],
};

describe("an answer without an account id", () => {
  it("is checked for every preset", () => {
    expect(Object.keys(WITHOUT_ID).sort()).toEqual(Object.keys(PRESETS).sort());
  });

  it.each(Object.entries(WITHOUT_ID))("%s: throws ProviderAnswerError", async (type, [answers, claims]) => {
    await expect(profileOf(type, answers, claims).profile).rejects.toBeInstanceOf(ProviderAnswerError);
  });
});

describe("onOrigin", () => {
  it("moves an endpoint onto another origin, keeping its path and query", () => {
    expect(onOrigin("https://api.x.com/2/users/me?user.fields=profile_image_url", "http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010/2/users/me?user.fields=profile_image_url");
    expect(onOrigin("https://github.com/login/oauth/access_token", "http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010/login/oauth/access_token");
  });

  it("leaves the endpoint alone without an origin", () => {
    expect(onOrigin("https://discord.com/api/users/@me", undefined)).toBe("https://discord.com/api/users/@me");
  });
});
