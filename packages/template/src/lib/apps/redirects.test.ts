import { BASE_URL, PROJECT_ID, fakeFetch, knownError } from "@stackframe/stack-shared/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setRedirect } from "../urls.js";
import { HexclaveClientApp } from "../public-api.js";

const PAGE = "https://app.example/projects/7?tab=members";
let visited: { url: string; replace: boolean }[];

beforeEach(() => {
  visited = [];
  vi.stubGlobal("window", { location: { href: PAGE, protocol: "https:" } });
  setRedirect((url, { replace }) => {
    visited.push({ url, replace });
  });
});
afterEach(() => {
  setRedirect(null);
  vi.unstubAllGlobals();
});

const app = () => new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore: "memory", fetch: fakeFetch().fetch });

describe("redirectTo… methods", () => {
  it("sends sign-in and sign-up back to the current page afterwards, unless told not to", async () => {
    await app().redirectToSignIn();
    await app().redirectToSignUp({ replace: true });
    await app().redirectToSignIn({ noRedirectBack: true });
    const back = `after_auth_return_to=${encodeURIComponent(PAGE)}`;
    expect(visited).toEqual([
      { url: `/handler/sign-in?${back}`, replace: false },
      { url: `/handler/sign-up?${back}`, replace: true },
      { url: "/handler/sign-in", replace: false },
    ]);
  });

  it("goes after sign-in where after_auth_return_to says, on this origin only", async () => {
    vi.stubGlobal("window", { location: { href: `https://app.example/handler/sign-in?after_auth_return_to=${encodeURIComponent("/team?x=1")}` } });
    await app().redirectToAfterSignIn();
    vi.stubGlobal("window", { location: { href: `https://app.example/handler/sign-in?after_auth_return_to=${encodeURIComponent("https://evil.example/")}` } });
    await app().redirectToAfterSignIn();
    await app().redirectToAfterSignOut();
    expect(visited.map((visit) => visit.url)).toEqual(["https://app.example/team?x=1", "/", "/"]);
  });

  // Regression: getUser({ or: "redirect" }) used to drop the page a signed-out visitor came from.
  it("redirects a signed-out getUser({ or: 'redirect' }) to sign-in, replacing the page and coming back to it", async () => {
    const signedOut = new HexclaveClientApp({
      projectId: PROJECT_ID,
      baseUrl: BASE_URL,
      tokenStore: { accessToken: null, refreshToken: null },
      fetch: fakeFetch(knownError("CANNOT_GET_OWN_USER_WITHOUT_USER", 400)).fetch,
    });
    await expect(signedOut.getUser({ or: "redirect" })).rejects.toThrow();
    expect(visited).toEqual([{ url: `/handler/sign-in?after_auth_return_to=${encodeURIComponent(PAGE)}`, replace: true }]);
  });
});
