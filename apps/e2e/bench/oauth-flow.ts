// Full OAuth sign-ins per second (authorize → mock provider's sign-in page → callback → token) at 10 concurrent
// flows, beside the mock provider's own token endpoint rate in the same run. Run by `pnpm bench`; prints a table and
// keeps it in docs/benchmarks.md between the oauth markers.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startMockOAuthServer } from "@hexclave/mock-oauth-server";
import { createFreshDatabase, startBackend } from "../src/harness/backend-process";
import { CookieJar, newPkce, signInAtProvider } from "../src/harness/oauth-browser";

const CONCURRENCY = 10;
const SECONDS = Number(process.env.BENCH_OAUTH_SECONDS ?? 8);
const REDIRECT = "http://localhost:12345/oauth-callback";
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Runs `step` in `CONCURRENCY` loops for the duration; completed steps per second. */
async function rate(step: () => Promise<void>): Promise<number> {
  const until = Date.now() + SECONDS * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await step();
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

async function expectOk(response: Response, what: string): Promise<any> {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export async function reportOAuthFlow(): Promise<void> {
  const provider = await startMockOAuthServer();
  const database = await createFreshDatabase("hexclave_bench_oauth");
  const sak = `sak_${randomBytes(20).toString("hex")}`;
  const pck = `pck_${randomBytes(20).toString("hex")}`;
  const backend = await startBackend(
    {
      NODE_ENV: "production",
      STACK_DATABASE_CONNECTION_STRING: database.url,
      STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
      STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: pck,
      STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: sak,
      STACK_OAUTH_MOCK_URL: provider.issuer,
    },
    { quiet: true },
  );
  try {
    const admin = { "content-type": "application/json", "x-stack-project-id": "internal", "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": sak };
    await expectOk(
      await fetch(`${backend.url}/api/v1/internal/projects/current`, {
        method: "PATCH",
        headers: admin,
        body: JSON.stringify({ config: { allow_localhost: true, sign_up_enabled: true, oauth_providers: [{ id: "spotify", type: "shared" }] } }),
      }),
      "enabling spotify",
    );

    const signIn = async () => {
      const jar = new CookieJar();
      const pkce = newPkce();
      const query = new URLSearchParams({
        client_id: "internal",
        client_secret: pck,
        redirect_uri: REDIRECT,
        scope: "legacy",
        state: "bench",
        grant_type: "authorization_code",
        code_challenge: pkce.challenge,
        code_challenge_method: "S256",
        response_type: "code",
      });
      const authorized = await jar.fetch(`${backend.url}/api/v1/auth/oauth/authorize/spotify?${query}`);
      if (authorized.status !== 307) throw new Error(`authorize: ${authorized.status} ${await authorized.text()}`);
      const callbackUrl = await signInAtProvider(authorized.headers.get("location")!, { email: `bench-${randomUUID()}@example.com` }, jar);
      const callback = await jar.fetch(callbackUrl);
      const code = callback.status === 303 ? new URL(callback.headers.get("location")!).searchParams.get("code") : null;
      if (!code) throw new Error(`callback: ${callback.status} ${await callback.text()}`);
      const form = new URLSearchParams({ grant_type: "authorization_code", client_id: "internal", client_secret: pck, code, redirect_uri: REDIRECT, code_verifier: pkce.verifier });
      await expectOk(await fetch(`${backend.url}/api/v1/auth/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form }), "token");
    };

    // The provider's token endpoint alone: refresh grants with a refresh token from one real sign-in at it.
    const refreshToken = await providerRefreshToken(provider.issuer);
    const providerToken = async () => {
      const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: "spotify", client_secret: "MOCK-SERVER-SECRET" });
      await expectOk(await fetch(`${provider.issuer}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form }), "provider token");
    };

    // The provider's whole part of one sign-in, driven directly: authorize, its sign-in page, code → tokens, userinfo.
    const providerFlow = async () => {
      const tokens = await providerCodeFlow(provider.issuer, `bench-${randomUUID()}@example.com`);
      await expectOk(await fetch(`${provider.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } }), "provider userinfo");
    };

    await signIn();
    await providerToken();
    await providerFlow();
    console.log(`OAuth: ${SECONDS} s of full sign-ins and of the provider's token endpoint, ${CONCURRENCY} at a time…`);
    const flows = await rate(signIn);
    const tokens = await rate(providerToken);
    const providerFlows = await rate(providerFlow);
    const table = [
      "| measured | per second | vs. the provider's token endpoint |",
      "|---|---:|---:|",
      `| full OAuth sign-in (authorize → provider sign-in → callback → token) | ${flows.toFixed(1)} | ${((flows / tokens) * 100).toFixed(0)}% |`,
      `| mock provider's token endpoint (refresh grant) | ${tokens.toFixed(1)} | 100% |`,
      `| the provider's part of one sign-in alone (authorize, sign-in page, code exchange, userinfo) | ${providerFlows.toFixed(1)} | ${((providerFlows / tokens) * 100).toFixed(0)}% |`,
      "",
      `A full sign-in runs at ${((flows / providerFlows) * 100).toFixed(0)}% of the provider's part of it alone.`,
    ].join("\n");
    console.log(`\nOAuth sign-in throughput (${CONCURRENCY} concurrent)\n${table}\n`);
    const doc = here("../../../docs/benchmarks.md");
    const marker = /<!-- oauth:start -->[\s\S]*<!-- oauth:end -->/;
    const current = readFileSync(doc, "utf8");
    if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- oauth:start -->\n${table}\n<!-- oauth:end -->`));
  } finally {
    await backend.stop();
    await provider.stop();
    await database.drop();
  }
}

/** A refresh token of the mock provider, from one authorization code flow driven directly against it. */
async function providerRefreshToken(issuer: string): Promise<string> {
  return (await providerCodeFlow(issuer, "bench-provider@example.com")).refresh_token;
}

/** One authorization code flow straight at the mock provider, as its client would run it; the token response. */
async function providerCodeFlow(issuer: string, email: string): Promise<{ access_token: string; refresh_token: string }> {
  const jar = new CookieJar();
  const pkce = newPkce();
  const redirect = "http://localhost:9/callback";
  const query = new URLSearchParams({
    client_id: "spotify",
    response_type: "code",
    redirect_uri: redirect,
    scope: "openid email",
    state: "s",
    code_challenge: pkce.challenge,
    code_challenge_method: "S256",
  });
  const location = await signInAtProvider(`${issuer}/auth?${query}`, { email }, jar);
  const code = new URL(location).searchParams.get("code")!;
  const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirect, code_verifier: pkce.verifier, client_id: "spotify", client_secret: "MOCK-SERVER-SECRET" });
  return await expectOk(await fetch(`${issuer}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form }), "provider code");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportOAuthFlow();
