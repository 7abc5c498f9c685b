import { describe, expect, it } from "vitest";
import { afterAuthReturnTo, resolveHandlerUrls, withAfterAuthReturnTo } from "./urls.js";

describe("resolveHandlerUrls", () => {
  it("puts the team invitation page under the handler, where invitation links point by default", () => {
    expect(resolveHandlerUrls().teamInvitation).toBe("/handler/team-invitation");
    expect(resolveHandlerUrls({ handler: "/auth" }).teamInvitation).toBe("/auth/team-invitation");
  });
});

describe("withAfterAuthReturnTo", () => {
  it("keeps a relative page relative", () => {
    expect(withAfterAuthReturnTo("/handler/sign-in", "/handler/team-invitation?code=abc")).toBe(
      "/handler/sign-in?after_auth_return_to=%2Fhandler%2Fteam-invitation%3Fcode%3Dabc",
    );
  });

  it("keeps an absolute page absolute and its own query", () => {
    expect(withAfterAuthReturnTo("https://auth.example/sign-in?x=1", "/back")).toBe("https://auth.example/sign-in?x=1&after_auth_return_to=%2Fback");
  });
});

describe("afterAuthReturnTo", () => {
  it("returns the page to go back to, relative to this origin", () => {
    expect(afterAuthReturnTo("https://app.example/handler/sign-in?after_auth_return_to=%2Fhandler%2Fteam-invitation%3Fcode%3Dabc")).toBe(
      "/handler/team-invitation?code=abc",
    );
  });

  it("is null without the parameter", () => {
    expect(afterAuthReturnTo("https://app.example/handler/sign-in")).toBeNull();
  });

  // Guards against an open redirect: a crafted sign-in link must not send a freshly signed-in user to another site.
  it.each(["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)"])("ignores %s, which leaves the origin", (target) => {
    expect(afterAuthReturnTo(`https://app.example/handler/sign-in?after_auth_return_to=${encodeURIComponent(target)}`)).toBeNull();
  });
});
