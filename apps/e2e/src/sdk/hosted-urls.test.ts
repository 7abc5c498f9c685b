import { afterEach, describe, expect, it, vi } from "vitest";
import { api, createTestProject, patchProjectConfig, projectHeaders, testEnv } from "../harness/rest";
import { PUBLISHED_SDKS, type StackSdk } from "./clients";

// Hosted handler pages live on a per-project origin that the SDK derives from the project id alone.
const hostedOrigin = (projectId: string) => `https://${projectId}.built-with-stack-auth.com`;
const APP_PAGE = "http://localhost:3000/dashboard?tab=1";

function publishedSdk(version: string): StackSdk {
  const found = PUBLISHED_SDKS.find(({ name }) => name === `@stackframe/js@${version}`);
  if (!found) throw new Error(`@stackframe/js@${version} is not among the installed SDKs`);
  return found.sdk;
}
const sdk77 = publishedSdk("2.8.77");
const sdk108 = publishedSdk("2.8.108");

/**
 * What the SDKs read of a browser, on the page given. 2.8.77 reads `window.screen` while it is constructed and both
 * read `location.href` on every redirect, so a stand-in without them fails inside the SDK before any request is made.
 */
function openPage(href: string) {
  const url = new URL(href);
  const noop = () => {};
  vi.stubGlobal("window", {
    location: { href: url.href, origin: url.origin, protocol: url.protocol, host: url.host, hostname: url.hostname, pathname: url.pathname, search: url.search },
    screen: { width: 1280, height: 800 },
    innerWidth: 1280,
    innerHeight: 800,
    addEventListener: noop,
    removeEventListener: noop,
  });
  vi.stubGlobal("document", { createElement: () => ({}), addEventListener: noop, removeEventListener: noop, cookie: "", referrer: "", title: "" });
  vi.stubGlobal("history", { pushState: noop, replaceState: noop });
}

/** A client app on the open page whose redirects are recorded instead of followed. */
function browserApp(sdk: StackSdk, project: { projectId: string; publishableClientKey: string }, urls: Record<string, unknown>) {
  const navigations: string[] = [];
  const app = new sdk.StackClientApp({
    baseUrl: testEnv().backendUrl,
    projectId: project.projectId,
    publishableClientKey: project.publishableClientKey,
    tokenStore: "memory",
    devTool: false,
    redirectMethod: { navigate: (to: string) => navigations.push(to) },
    urls,
  });
  return { app, navigations };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("hosted handler URLs of the published SDKs", () => {
  it("2.8.108 derives hosted sign-in and sign-out URLs from the project id, without the backend", () => {
    const projectId = "8f8e4b2a-6a7b-4e9a-9a3f-2b7d3c4e5f60";
    const app = new sdk108.StackClientApp({ baseUrl: "http://127.0.0.1:9", projectId, tokenStore: "memory", urls: { default: { type: "hosted" } } });
    expect(app.urls.signIn).toBe(`${hostedOrigin(projectId)}/handler/sign-in`);
    expect(app.urls.signOut).toBe(`${hostedOrigin(projectId)}/handler/sign-out`);
  });

  it("2.8.77 has no hosted pages: its URLs stay on the app's own handler", () => {
    const projectId = "8f8e4b2a-6a7b-4e9a-9a3f-2b7d3c4e5f60";
    const app = new sdk77.StackClientApp({ baseUrl: "http://127.0.0.1:9", projectId, tokenStore: "memory", urls: { default: { type: "hosted" } } });
    expect(app.urls.signIn).toBe("/handler/sign-in");
    expect(app.urls.signOut).toBe("/handler/sign-out");
  });

  it("2.8.108 sends a signed-out page to the hosted sign-in with a cross-domain handoff", async () => {
    const project = await createTestProject("hosted sign-in");
    openPage(APP_PAGE);
    const { app, navigations } = browserApp(sdk108, project, { default: { type: "hosted" } });
    await app.redirectToSignIn();
    expect(navigations).toHaveLength(1);
    const target = new URL(navigations[0] ?? "");
    expect(target.origin + target.pathname).toBe(`${hostedOrigin(project.projectId)}/handler/sign-in`);
    expect(target.searchParams.get("hexclave_cross_domain_state")).toEqual(expect.any(String));
    expect(target.searchParams.get("hexclave_cross_domain_code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(target.searchParams.get("hexclave_cross_domain_after_callback_redirect_url")).toBe(APP_PAGE);
    expect(new URL(target.searchParams.get("after_auth_return_to") as string).origin).toBe("http://localhost:3000");
  });
});

// Regression: 2.8.108 decides whether another origin is a safe redirect from `config.allow_localhost` and
// `config.domains` of the client project view; without the flag it refused every localhost app of the project.
describe("redirects 2.8.108 trusts through the client project view", () => {
  it("2.8.108 redirects to another localhost app of a project that allows localhost", async () => {
    const project = await createTestProject("localhost redirects");
    openPage(APP_PAGE);
    const { app, navigations } = browserApp(sdk108, project, { afterSignOut: "http://localhost:3001/" });
    await app.redirectToAfterSignOut();
    expect(navigations).toEqual(["http://localhost:3001/"]);

    const view = await api("/api/v1/projects/current", { headers: projectHeaders(project, "client") });
    expect(view.body.config.allow_localhost).toBe(true);
  });

  it("2.8.108 refuses the same redirect once the project stops allowing localhost", async () => {
    const project = await createTestProject("no localhost redirects");
    await patchProjectConfig(project, { allow_localhost: false });
    const view = await api("/api/v1/projects/current", { headers: projectHeaders(project, "client") });
    expect(view.body.config.allow_localhost).not.toBe(true);

    openPage(APP_PAGE);
    const { app, navigations } = browserApp(sdk108, project, { afterSignOut: "http://localhost:3001/" });
    await expect(app.redirectToAfterSignOut()).rejects.toThrow(/not trusted/);
    expect(navigations).toEqual([]);
  });
});
