/** What a provider tells us about the person who signed in. */
export type ProviderProfile = {
  accountId: string;
  email: string | null;
  /** Whether the provider vouches that the person controls `email`: only then may it find an existing account. */
  emailVerified: boolean;
  displayName: string | null;
  profileImageUrl: string | null;
};

/** Reads a protected resource of the provider with the access token; JSON or an error. */
export type ResourceReader = (url: string, headers?: Record<string, string>) => Promise<unknown>;

export type ProfileInput = { read: ResourceReader; claims: Record<string, unknown> | undefined; url: (path: string) => string; clientId: string };

export type Preset = {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** OpenID providers: the ID token is checked against this issuer and its keys. */
  openId?: { issuer: string; jwksUri: string; userinfoEndpoint?: string };
  scopes: string[];
  /** Sent with every authorization request, e.g. to get a refresh token from Google. */
  authorizationParams?: Record<string, string>;
  /** X refuses client credentials in the body. */
  clientAuth?: "basic" | "post";
  profile(input: ProfileInput): Promise<ProviderProfile>;
};

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null);

/** A provider answer without an account id is no answer: an empty id must never match a stored link. */
export function requireAccountId(value: unknown): string {
  const id = str(value);
  if (!id) throw new ProviderAnswerError("The provider's profile has no account id.");
  return id;
}

/** The provider answered, but not with what a sign-in needs. */
export class ProviderAnswerError extends Error {}

/** Standard OpenID claims, from the ID token or the userinfo endpoint. */
export function openIdProfile(claims: Json, options: { emailTrusted?: boolean } = {}): ProviderProfile {
  return {
    accountId: requireAccountId(claims.sub),
    email: str(claims.email),
    emailVerified: (options.emailTrusted ?? true) && claims.email_verified === true,
    displayName: str(claims.name),
    profileImageUrl: str(claims.picture),
  };
}

async function openIdClaims({ read, claims, url }: ProfileInput, userinfo: string | undefined): Promise<Json> {
  if (!userinfo) return claims ?? {};
  // The ID token's claims were checked; userinfo adds what the token left out, and may not change who it is about.
  const info = record(await read(url(userinfo)));
  if (claims?.sub !== undefined && info.sub !== claims.sub) throw new ProviderAnswerError("The provider's userinfo is about another account.");
  return { ...claims, ...info };
}

export const PRESETS: Record<string, Preset> = {
  google: {
    authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenEndpoint: "https://oauth2.googleapis.com/token",
    openId: { issuer: "https://accounts.google.com", jwksUri: "https://www.googleapis.com/oauth2/v3/certs", userinfoEndpoint: "https://openidconnect.googleapis.com/v1/userinfo" },
    scopes: ["openid", "email", "profile"],
    // Google hands out a refresh token only for offline access, and again only when consent is asked for.
    authorizationParams: { access_type: "offline", prompt: "consent" },
    profile: async (input) => openIdProfile(await openIdClaims(input, PRESETS.google!.openId!.userinfoEndpoint)),
  },
  github: {
    authorizationEndpoint: "https://github.com/login/oauth/authorize",
    tokenEndpoint: "https://github.com/login/oauth/access_token",
    scopes: ["user:email"],
    profile: async ({ read, url }) => {
      const user = record(await read(url("https://api.github.com/user")));
      // The profile's public email may be unverified; the emails list says which address is primary and verified.
      const emails = await read(url("https://api.github.com/user/emails"));
      const primary = (Array.isArray(emails) ? emails : []).map(record).find((entry) => entry.primary === true);
      return {
        accountId: requireAccountId(user.id),
        email: str(primary?.email) ?? str(user.email),
        emailVerified: primary?.verified === true,
        displayName: str(user.name) ?? str(user.login),
        profileImageUrl: str(user.avatar_url),
      };
    },
  },
  microsoft: {
    authorizationEndpoint: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
    tokenEndpoint: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
    scopes: ["openid", "profile", "email", "offline_access", "User.Read"],
    // The account is Graph's object id, as Stack Auth keys Microsoft links, so links carried over from it still match.
    // Entra ID lets a tenant's admin set any address on an account without proving it ("nOAuth"), so its email finds
    // no existing account: it is kept, as unverified. Graph's photo is an API that answers only with the access token,
    // so no browser could show it.
    profile: async ({ read, url }) => {
      const me = record(await read(url("https://graph.microsoft.com/v1.0/me")));
      return { accountId: requireAccountId(me.id), email: str(me.mail) ?? str(me.userPrincipalName), emailVerified: false, displayName: str(me.displayName), profileImageUrl: null };
    },
  },
  discord: {
    authorizationEndpoint: "https://discord.com/oauth2/authorize",
    tokenEndpoint: "https://discord.com/api/oauth2/token",
    scopes: ["identify", "email"],
    profile: async ({ read, url }) => {
      const user = record(await read(url("https://discord.com/api/users/@me")));
      const id = requireAccountId(user.id);
      const avatar = str(user.avatar);
      return {
        accountId: id,
        email: str(user.email),
        emailVerified: user.verified === true,
        displayName: str(user.global_name) ?? str(user.username),
        profileImageUrl: avatar ? `https://cdn.discordapp.com/avatars/${id}/${avatar}.png` : null,
      };
    },
  },
  gitlab: {
    authorizationEndpoint: "https://gitlab.com/oauth/authorize",
    tokenEndpoint: "https://gitlab.com/oauth/token",
    scopes: ["read_user"],
    profile: async ({ read, url }) => {
      const user = record(await read(url("https://gitlab.com/api/v4/user")));
      return {
        accountId: requireAccountId(user.id),
        email: str(user.email),
        emailVerified: str(user.confirmed_at) !== null,
        displayName: str(user.name) ?? str(user.username),
        profileImageUrl: str(user.avatar_url),
      };
    },
  },
  bitbucket: {
    authorizationEndpoint: "https://bitbucket.org/site/oauth2/authorize",
    tokenEndpoint: "https://bitbucket.org/site/oauth2/access_token",
    scopes: ["account", "email"],
    profile: async ({ read, url }) => {
      const user = record(await read(url("https://api.bitbucket.org/2.0/user")));
      const emails = record(await read(url("https://api.bitbucket.org/2.0/user/emails")));
      const primary = (Array.isArray(emails.values) ? emails.values : []).map(record).find((entry) => entry.is_primary === true);
      return {
        // Atlassian's account id, as Stack Auth keys Bitbucket links (the older `uuid` only when it is missing).
        accountId: requireAccountId(user.account_id ?? user.uuid),
        email: str(primary?.email),
        emailVerified: primary?.is_confirmed === true,
        displayName: str(user.display_name),
        profileImageUrl: str(record(record(user.links).avatar).href),
      };
    },
  },
  linkedin: {
    authorizationEndpoint: "https://www.linkedin.com/oauth/v2/authorization",
    tokenEndpoint: "https://www.linkedin.com/oauth/v2/accessToken",
    openId: { issuer: "https://www.linkedin.com/oauth", jwksUri: "https://www.linkedin.com/oauth/openid/jwks", userinfoEndpoint: "https://api.linkedin.com/v2/userinfo" },
    scopes: ["openid", "profile", "email"],
    profile: async (input) => openIdProfile(await openIdClaims(input, PRESETS.linkedin!.openId!.userinfoEndpoint)),
  },
  spotify: {
    authorizationEndpoint: "https://accounts.spotify.com/authorize",
    tokenEndpoint: "https://accounts.spotify.com/api/token",
    scopes: ["user-read-email", "user-read-private"],
    profile: async ({ read, url }) => {
      const user = record(await read(url("https://api.spotify.com/v1/me")));
      const images = Array.isArray(user.images) ? user.images.map(record) : [];
      // Spotify does not say whether the address was ever confirmed.
      return { accountId: requireAccountId(user.id), email: str(user.email), emailVerified: false, displayName: str(user.display_name), profileImageUrl: str(images[0]?.url) };
    },
  },
  facebook: {
    authorizationEndpoint: "https://www.facebook.com/v19.0/dialog/oauth",
    tokenEndpoint: "https://graph.facebook.com/v19.0/oauth/access_token",
    scopes: ["public_profile", "email"],
    profile: async ({ read, url }) => {
      const user = record(await read(url("https://graph.facebook.com/v19.0/me?fields=id,name,email,picture")));
      const picture = record(record(user.picture).data);
      // Facebook may return an address its user never confirmed.
      return { accountId: requireAccountId(user.id), email: str(user.email), emailVerified: false, displayName: str(user.name), profileImageUrl: str(picture.url) };
    },
  },
  twitch: {
    authorizationEndpoint: "https://id.twitch.tv/oauth2/authorize",
    tokenEndpoint: "https://id.twitch.tv/oauth2/token",
    scopes: ["user:read:email"],
    profile: async ({ read, url, clientId }) => {
      const body = record(await read(url("https://api.twitch.tv/helix/users"), { "client-id": clientId }));
      const user = record(Array.isArray(body.data) ? body.data[0] : undefined);
      // Helix only returns the address once it is verified at Twitch.
      const email = str(user.email);
      return { accountId: requireAccountId(user.id), email, emailVerified: email !== null, displayName: str(user.display_name), profileImageUrl: str(user.profile_image_url) };
    },
  },
  x: {
    authorizationEndpoint: "https://x.com/i/oauth2/authorize",
    tokenEndpoint: "https://api.x.com/2/oauth2/token",
    scopes: ["users.read", "tweet.read", "offline.access"],
    clientAuth: "basic",
    profile: async ({ read, url }) => {
      const user = record(record(await read(url("https://api.x.com/2/users/me?user.fields=profile_image_url"))).data);
      // X does not share email addresses with OAuth 2 apps.
      return { accountId: requireAccountId(user.id), email: null, emailVerified: false, displayName: str(user.name) ?? str(user.username), profileImageUrl: str(user.profile_image_url) };
    },
  },
  apple: {
    authorizationEndpoint: "https://appleid.apple.com/auth/authorize",
    tokenEndpoint: "https://appleid.apple.com/auth/token",
    openId: { issuer: "https://appleid.apple.com", jwksUri: "https://appleid.apple.com/auth/keys" },
    scopes: ["name", "email"],
    // Apple posts the answer back as a form when names or emails are asked for.
    authorizationParams: { response_mode: "form_post" },
    profile: async ({ claims }) => openIdProfile({ ...claims, email_verified: claims?.email_verified === true || claims?.email_verified === "true" }),
  },
};

/** Moves an endpoint onto another origin, keeping its path and query: how a preset is pointed at a test server. */
export function onOrigin(endpoint: string, origin: string | undefined): string {
  if (!origin) return endpoint;
  const url = new URL(endpoint);
  return `${origin}${url.pathname}${url.search}`;
}
