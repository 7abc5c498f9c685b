import { generateKeyPairSync, randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type JWK, errors, interactionPolicy } from "oidc-provider";
import { AccountStore, avatarSvg } from "./accounts";
import { type MockClient, buildClientMetadata, clientsFromEnv, isLoopbackCallback } from "./clients";
import { handleInteraction, send } from "./interaction";
import { type MemoryStore, createMemoryStore } from "./memory-store";
import { renderErrorPage } from "./login-page";

export type MockOAuthServerOptions = {
  /** 0 (the default here) picks a free port; the CLI passes 8114. */
  port?: number;
  host?: string;
  /** Defaults to the listening URL; set it when clients reach the server by another name, e.g. http://localhost:8114. */
  issuer?: string;
  /** Added to the preset clients (and those from HEXCLAVE_MOCK_OAUTH_CLIENTS); the same client_id replaces one. */
  clients?: MockClient[];
  accessTokenTtlSeconds?: number;
  cookieSecret?: string;
};

export type MockOAuthServer = { url: string; issuer: string; stop(): Promise<void> };

const DAY = 24 * 60 * 60;

function positiveSeconds(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of seconds, got "${raw}".`);
  return value;
}

/** A fresh RSA key per process: tokens only have to verify while this process lives, so nothing is kept on disk. */
function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomBytes(8).toString("hex"), use: "sig", alg: "RS256" } as JWK;
}

function policy() {
  const base = interactionPolicy.base();
  // A remembered session would sign the next person in as the previous one without asking; each authorization of a
  // mock provider should let the tester pick any email instead.
  base.get("login")!.checks.add(new interactionPolicy.Check("mock_sign_in_each_time", "every authorization asks for an email", "login_required", (ctx) => !ctx.oidc.result?.login));
  return base;
}

function configuration(issuer: string, options: MockOAuthServerOptions, accounts: AccountStore, store: MemoryStore): Configuration {
  const accessTokenTtl = options.accessTokenTtlSeconds ?? positiveSeconds(process.env.HEXCLAVE_MOCK_OAUTH_ACCESS_TOKEN_TTL_SECONDS, "HEXCLAVE_MOCK_OAUTH_ACCESS_TOKEN_TTL_SECONDS") ?? 3600;
  return {
    adapter: store.adapter,
    clients: buildClientMetadata([...clientsFromEnv(), ...(options.clients ?? [])]),
    findAccount: accounts.findAccount,
    jwks: { keys: [signingKey()] },
    // Signed cookies; a random key per process unless fixed, so a restart simply ends half-done sign-ins.
    cookies: { keys: [options.cookieSecret ?? process.env.HEXCLAVE_MOCK_OAUTH_COOKIE_SECRET ?? randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "picture"] },
    scopes: ["openid", "offline_access", "email", "profile"],
    // Real providers put the profile in the ID token too (Google does); clients may read either.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      // oidc-provider drops scopes it does not know unless they belong to a resource server, and connected accounts ask
      // for provider scopes such as `repo`. So each authorization is for a pseudo resource that has every scope asked
      // for; the token endpoint then picks no resource, so access tokens still work at userinfo.
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => (oneOf ? undefined : new URL("/provider-api", issuer).href),
        getResourceServerInfo: ({ oidc }) => {
          const asked = [oidc.params?.scope, oidc.entities.AuthorizationCode?.scope, oidc.entities.RefreshToken?.scope];
          const scopes = new Set(asked.filter((scope) => typeof scope === "string").join(" ").split(" ").filter(Boolean));
          return { scope: [...scopes].join(" "), accessTokenFormat: "opaque" };
        },
      },
    },
    interactions: { policy: policy(), url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Providers such as GitHub hand out a refresh token without offline_access (which oidc-provider drops unless
    // prompt=consent is sent), so every client allowed the refresh_token grant gets one.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // Sessions end at the next sign-in (see forgetSession); tokens must outlive them, as they do at real providers.
    expiresWithSession: async () => false,
    // Like Google: the same refresh token keeps working, so a client that stores it once is never caught out.
    rotateRefreshToken: false,
    // The registered URI is a placeholder, so a code must never be sent there by default.
    allowOmittingSingleRegisteredRedirectUri: false,
    clientBasedCORS: () => true,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage(`${out.error}: ${out.error_description ?? ""}`);
    },
    // One process on one clock: without the default 15 s leeway a short access token TTL really expires on time.
    clockTolerance: 0,
    ttl: { AccessToken: accessTokenTtl, AuthorizationCode: 600, IdToken: 3600, Interaction: 3600, Session: 3600, RefreshToken: 30 * DAY, Grant: 30 * DAY },
  };
}

/** Starts the provider; resolves once it listens. */
export async function startMockOAuthServer(options: MockOAuthServerOptions = {}): Promise<MockOAuthServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const issuer = (options.issuer ?? url).replace(/\/+$/, "");
  const accounts = new AccountStore(issuer);
  const store = createMemoryStore();
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration(issuer, options, accounts, store));
  } catch (error) {
    // A malformed setting: free the port again before reporting it.
    store.close();
    server.close();
    throw error;
  }

  // oidc-provider matches redirect URIs exactly; any loopback callback is allowed so each test backend's random port works.
  const registeredOnly = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function (this: InstanceType<Provider["Client"]>, uri: string) {
    return isLoopbackCallback(uri) || registeredOnly.call(this, uri);
  };
  // Otherwise a bug in this server would only show up as a bare 500 at the client.
  provider.on("server_error", (_ctx, error) => console.error("mock OAuth server error:", error));

  const oidc = provider.callback();
  server.on("request", async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", url).pathname;
    const avatar = /^\/avatars\/(mock-[0-9a-f]{32})\.svg$/.exec(path);
    try {
      if (/^\/interaction\/[\w-]+$/.test(path)) await handleInteraction(provider, accounts, req, res, path);
      else if (avatar && req.method === "GET") send(res, 200, "image/svg+xml", avatarSvg(accounts.profile(avatar[1]!)));
      else await oidc(req, res);
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof errors.SessionNotFound) {
        return send(res, 400, "text/html; charset=utf-8", renderErrorPage("This sign-in has expired or was already finished. Start it again from the app."));
      }
      console.error("mock OAuth server error:", error);
      send(res, 500, "text/html; charset=utf-8", renderErrorPage("The mock OAuth server failed; see its log."));
    }
  });

  return {
    url,
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        store.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
