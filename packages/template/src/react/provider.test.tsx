import type { UserJson } from "@stackframe/stack-shared";
import { BASE_URL, PROJECT_ID, userJson } from "@stackframe/stack-shared/test-support";
import { prerender } from "react-dom/static";
import { describe, expect, it } from "vitest";
import type { HexclaveClientAppJson } from "../lib/apps/app-options.js";
import { resolveHandlerUrls } from "../lib/urls.js";
import { useUser } from "./hooks.js";
import { HexclaveProvider } from "./provider.js";

// What a server component hands the provider on every request: the same app options, each visitor's own user.
const APP_JSON: HexclaveClientAppJson = { projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore: "cookie", urls: resolveHandlerUrls() };

function Email() {
  return <p>{useUser()?.primaryEmail ?? "signed out"}</p>;
}

async function renderOnServer(initialUser: UserJson | null): Promise<string> {
  const { prelude } = await prerender(
    <HexclaveProvider app={APP_JSON} initialUser={initialUser}>
      <Email />
    </HexclaveProvider>,
  );
  return (await new Response(prelude).text()).replace(/<!--\/?\$-->/g, "");
}

describe("HexclaveProvider on a server", () => {
  // Regression: the first request's user was kept in the app's store and rendered for every later request.
  it("renders each request with its own initial user", async () => {
    expect(await renderOnServer(null)).toBe("<p>signed out</p>");
    expect(await renderOnServer(userJson({ primary_email: "ada@example.com" }))).toBe("<p>ada@example.com</p>");
    expect(await renderOnServer(userJson({ primary_email: "grace@example.com" }))).toBe("<p>grace@example.com</p>");
    expect(await renderOnServer(null)).toBe("<p>signed out</p>");
  });
});
