import { KnownErrors } from "@stackframe/stack-shared";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HexclaveClientApp } from "../../lib/public-api.js";
import { HexclaveProvider } from "../provider.js";
import { HexclaveHandlerClient } from "./handler.js";
import { OAuthButtonGroup, oauthProviderLook } from "./oauth-buttons.js";
import { oauthCallbackOutcome } from "./oauth-callback.js";

function render(ui: ReactNode): string {
  const app = new HexclaveClientApp({ projectId: "p", baseUrl: "http://127.0.0.1:1", tokenStore: "memory" });
  return renderToString(<HexclaveProvider app={app}>{ui}</HexclaveProvider>).replace(/<!--\/?\$-->/g, "");
}

const buttonsOf = (html: string) => [...html.matchAll(/<button ([^>]*)>(.*?)<\/button>/g)].map(([, attributes, content]) => ({ attributes, content }));

describe("OAuthButtonGroup", () => {
  it("renders one button per provider, in the project's order, named for what it does", () => {
    const buttons = buttonsOf(render(<OAuthButtonGroup type="sign-in" providers={["github", "google", "acme-sso"]} />));
    expect(buttons.map(({ content }) => (content ?? "").replace(/<span[^>]*>.*?<\/span>/, ""))).toEqual([
      "Sign in with GitHub",
      "Sign in with Google",
      "Sign in with acme-sso",
    ]);
    // Real buttons (focusable, Enter and Space work), not submit buttons of a surrounding form.
    for (const { attributes } of buttons) expect(attributes).toContain('type="button"');
  });

  it("marks the icon as decoration, so the accessible name is the text", () => {
    const [button] = buttonsOf(render(<OAuthButtonGroup type="sign-up" providers={["gitlab"]} />));
    expect(button?.content).toBe('<span class="hx-oauth-icon" style="background:#fc6d26" aria-hidden="true">G</span>Sign up with GitLab');
  });

  it("puts an 'or' line below the buttons only when a form follows", () => {
    expect(render(<OAuthButtonGroup type="sign-in" providers={["github"]} divider />)).toMatch(/<\/button>.*<p class="hx-divider">or<\/p>$/);
    expect(render(<OAuthButtonGroup type="sign-in" providers={["github"]} />)).not.toContain("hx-divider");
  });

  it("stays out of the page when the project has no providers", () => {
    expect(render(<OAuthButtonGroup type="sign-in" providers={[]} divider />)).toBe("");
  });

  it.each([
    ["github", "GitHub"],
    ["x", "X"],
    ["linkedin", "LinkedIn"],
    ["constructor", "constructor"],
  ])("shows provider %s as %s", (id, name) => {
    expect(oauthProviderLook(id).name).toBe(name);
  });
});

describe("the OAuth callback page", () => {
  it("is the handler's oauth-callback page, announcing that it signs in", () => {
    const html = render(<HexclaveHandlerClient path="oauth-callback" />);
    expect(html).toMatch(/role="status"><span class="hx-spinner hx-spinner-large" aria-hidden="true"><\/span><h1 class="hx-title">Signing you in…<\/h1>/);
  });

  it("keeps showing progress while the redirect after sign-in runs", () => {
    expect(oauthCallbackOutcome({ signedIn: true })).toEqual({ status: "signing-in" });
  });

  it("asks for the authenticator code when the account needs a second factor", () => {
    const attemptCode = "a".repeat(45);
    expect(oauthCallbackOutcome({ error: new KnownErrors.MultiFactorAuthenticationRequired(attemptCode) })).toEqual({ status: "mfa", attemptCode });
  });

  it("explains a failure, or that there was nothing to finish", () => {
    const timeout = new KnownErrors.OuterOAuthTimeout();
    expect(oauthCallbackOutcome({ error: timeout })).toEqual({ status: "failed", message: timeout.message });
    expect(oauthCallbackOutcome({ signedIn: false })).toMatchObject({ status: "failed", message: expect.stringContaining("Start again") });
  });
});
