import type { UserJson } from "@stackframe/stack-shared";
import { userJson } from "@stackframe/stack-shared/test-support";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HexclaveClientApp } from "../../lib/public-api.js";
import { HexclaveProvider } from "../provider.js";
import { HexclaveHandlerClient } from "./handler.js";
import { AcceptTeamInvitation } from "./accept-team-invitation.js";

// On the server the page's address (and so its code) is unknown: it renders without calling the API.
function render(ui: ReactNode, initialUser: UserJson | null): string {
  const app = new HexclaveClientApp({ projectId: "p", baseUrl: "http://127.0.0.1:1", tokenStore: "memory" });
  return renderToString(<HexclaveProvider app={app} initialUser={initialUser}>{ui}</HexclaveProvider>);
}

describe("AcceptTeamInvitation", () => {
  it("asks a signed-out visitor to sign in or create an account", () => {
    const html = render(<AcceptTeamInvitation />, null);
    expect(html).toContain(">You are invited to join a team</h1>");
    expect(html).toMatch(/<a class="hx-button" href="\/handler\/sign-in">Sign in<\/a>/);
    expect(html).toMatch(/<a class="hx-button hx-button-secondary" href="\/handler\/sign-up">Create an account<\/a>/);
  });

  it("offers a signed-in user a Join button, disabled until the invitation is read", () => {
    const html = render(<AcceptTeamInvitation />, userJson());
    expect(html).toContain("You will join as ada@example.com.");
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Join team<\/button>/);
  });

  it("is the handler's team-invitation page, where invitation links point", () => {
    expect(render(<HexclaveHandlerClient path="team-invitation" />, null)).toContain(">You are invited to join a team</h1>");
  });
});
