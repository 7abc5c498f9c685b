import {
  BASE_URL,
  FIXTURE_IDS,
  HOUR,
  PROJECT_ID,
  type Reply,
  accessTokenExpiringIn,
  fakeFetch,
  knownError,
  list,
  ok,
  requestOf,
  userJson,
} from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
// Through the public API, as apps do (importing apps/client-app.js first trips a circular import).
import { HexclaveClientApp } from "../public-api.js";

const USER = FIXTURE_IDS.user;
const LINK = "0d5f3a7e-0000-4000-8000-0000000000ee";

/** A signed-in user (with a linked GitHub account) whose next answers are `replies`; `requests` starts after reading the user. */
async function signedIn(...replies: Reply[]) {
  const github = { id: "github", account_id: "gh-42", email: "ada@example.com" };
  const { fetch, calls } = fakeFetch(ok(userJson({ oauth_providers: [github] })), ...replies);
  const tokenStore = { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" };
  const app = new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore, fetch });
  const user = await app.getUser({ or: "throw" });
  calls.splice(0);
  const requests = () => calls.map(requestOf).map(({ method, path, body }) => ({ method, path, body }));
  return { user, requests };
}

const providerJson = {
  user_id: USER,
  id: LINK,
  email: "ada@example.com",
  provider_config_id: "github",
  type: "github",
  allow_sign_in: true,
  allow_connected_accounts: true,
};

describe("the signed-in user's OAuth providers", () => {
  it("lists the linked provider accounts", async () => {
    const { user, requests } = await signedIn(ok({ items: [providerJson, { ...providerJson, id: "l2", type: "google", email: undefined }], is_paginated: false }));
    const providers = await user.listOAuthProviders();
    expect(requests()).toEqual([{ method: "GET", path: "/oauth-providers?user_id=me", body: undefined }]);
    expect(providers[0]).toMatchObject({ id: LINK, type: "github", userId: USER, email: "ada@example.com", allowSignIn: true, allowConnectedAccounts: true });
    expect(providers[1]).not.toHaveProperty("email");
  });

  it("finds one by its link id", async () => {
    const { user } = await signedIn(ok(list([providerJson])), ok(list([providerJson])));
    expect((await user.getOAuthProvider(LINK))?.type).toBe("github");
    expect(await user.getOAuthProvider("github")).toBeNull();
  });

  it("updates a link, answering a refusal as an error result", async () => {
    const { user, requests } = await signedIn(ok(list([providerJson])), ok(providerJson), knownError("OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN", 400));
    const [github] = await user.listOAuthProviders();
    expect(await github?.update({ allowConnectedAccounts: false })).toEqual({ status: "ok", data: undefined });
    const refused = await github?.update({ allowSignIn: true });
    expect(refused).toMatchObject({ status: "error", error: { code: "OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN" } });
    expect(requests().slice(1)).toEqual([
      { method: "PATCH", path: `/oauth-providers/${USER}/${LINK}`, body: { allow_connected_accounts: false } },
      { method: "PATCH", path: `/oauth-providers/${USER}/${LINK}`, body: { allow_sign_in: true } },
    ]);
  });

  it("unlinks an account", async () => {
    const { user, requests } = await signedIn(ok(list([providerJson])), ok({ success: true }));
    await (await user.listOAuthProviders())[0]?.delete();
    expect(requests()[1]).toEqual({ method: "DELETE", path: `/oauth-providers/${USER}/${LINK}`, body: undefined });
  });
});

describe("connected accounts", () => {
  it("gets a provider's account once it yields a token with the scopes, and asks again on later calls", async () => {
    const { user, requests } = await signedIn(ok({ access_token: "gho_1" }), ok({ access_token: "gho_2" }));
    const github = await user.getConnectedAccount("github", { scopes: ["repo", "read:org"] });
    expect(github).toMatchObject({ id: "github", provider: "github", providerAccountId: "gh-42" });
    expect(await github?.getAccessToken()).toEqual({ accessToken: "gho_1" });
    expect(await github?.getAccessToken()).toEqual({ accessToken: "gho_2" });
    const asked = { method: "POST", path: "/connected-accounts/me/github/access-token", body: { scope: "repo read:org" } };
    expect(requests()).toEqual([asked, asked]);
  });

  it.each(["OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", "OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE", "OAUTH_ACCESS_TOKEN_NOT_AVAILABLE"])(
    "answers %s with null, or the error itself with or: 'throw'",
    async (code) => {
      const { user } = await signedIn(knownError(code, 400), knownError(code, 400));
      expect(await user.getConnectedAccount("github")).toBeNull();
      await expect(user.getConnectedAccount("github", { or: "throw" })).rejects.toMatchObject({ code });
    },
  );

  it("throws what connecting would not fix, such as a provider without connected accounts", async () => {
    const { user } = await signedIn(knownError("OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400));
    await expect(user.getConnectedAccount("github", { or: "return-null" })).rejects.toMatchObject({ code: "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED" });
  });
});
