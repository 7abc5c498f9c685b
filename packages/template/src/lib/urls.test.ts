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

  it("keeps a page's fragment after the query", () => {
    expect(withAfterAuthReturnTo("/sign-in#top", "/back")).toBe("/sign-in?after_auth_return_to=%2Fback#top");
  });

  it("keeps an absolute page absolute and its own query", () => {
    expect(withAfterAuthReturnTo("https://auth.example/sign-in?x=1", "/back")).toBe("https://auth.example/sign-in?x=1&after_auth_return_to=%2Fback");
  });
});

const SIGN_IN = "https://app.example/handler/sign-in";
const returningTo = (query: string) => afterAuthReturnTo(`${SIGN_IN}?after_auth_return_to=${query}`);

describe("afterAuthReturnTo", () => {
  it("returns the absolute URL of the page to go back to, on this origin", () => {
    expect(returningTo("%2Fhandler%2Fteam-invitation%3Fcode%3Dabc")).toBe("https://app.example/handler/team-invitation?code=abc");
    expect(returningTo(encodeURIComponent("https://app.example/teams#new"))).toBe("https://app.example/teams#new");
  });

  it("is null without the parameter", () => {
    expect(afterAuthReturnTo(SIGN_IN)).toBeNull();
  });

  // Regression: `/.//evil.example/x` passed the origin check, then its bare path `//evil.example/x` was followed off-site.
  it("refuses the reported link, so sign-in falls back to the configured page", () => {
    expect(returningTo("%2F.%2F%2Fevil.example%2Fx")).toBeNull();
  });

  // Each is written into the query as given (so `%2F` reaches the check decoded once) and percent-encoded as a whole.
  const bypasses = [
    "//evil.example/x",
    "///evil.example/x",
    "/\\evil.example/x",
    "\\/evil.example/x",
    "\\\\evil.example",
    "/./evil.example",
    "/.//evil.example/x",
    "/./\\evil.example",
    "/../..//evil.example",
    "%2F%2Fevil.example",
    "%2F.%2F%2Fevil.example%2Fx",
    "%252F%252Fevil.example",
    "/%2e/%2fevil.example",
    "%2e%2e%2f%2fevil.example",
    "/%5Cevil.example",
    "https://evil.example/x",
    "https:evil.example",
    "https:/evil.example",
    "HTTPS://EVIL.EXAMPLE/",
    "https://app.example.evil.example/",
    "https://app.example@evil.example/",
    "https://app.example%40evil.example/",
    "//app.example@evil.example",
    "https://evil.example#@app.example",
    "https://evil.example?.app.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "%0A//evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java%09script:alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://evil.example/",
  ];
  for (const target of bypasses) {
    for (const [form, query] of [
      ["as given", target],
      ["encoded", encodeURIComponent(target)],
    ] as const) {
      it(`never leaves this origin for ${JSON.stringify(target)} (${form})`, () => {
        const result = returningTo(query);
        // Resolved as the browser on the sign-in page would follow it.
        if (result !== null) expect(new URL(result, SIGN_IN).origin).toBe("https://app.example");
      });
    }
  }

  it.each(["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "https://app.example@evil.example/"])(
    "refuses %s outright",
    (target) => {
      expect(returningTo(encodeURIComponent(target))).toBeNull();
    },
  );
});
