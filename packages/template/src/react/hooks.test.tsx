import type { UserJson } from "@stackframe/stack-shared";
import { BASE_URL, FIXTURE_IDS, PROJECT_ID, type Reply, apiKeyJson, fakeFetch, knownError, list, ok, requestOf, teamJson, userJson } from "@stackframe/stack-shared/test-support";
import type { ReactNode } from "react";
import { prerender } from "react-dom/static";
import { describe, expect, it } from "vitest";
import { HexclaveClientApp, type Team } from "../lib/public-api.js";
import { useApiKeys, useConnectedAccount, useOAuthProviders, usePermission, useTeam, useTeams } from "./hooks.js";
import { HexclaveProvider } from "./provider.js";

const TEAM = FIXTURE_IDS.team;

/** Renders to HTML once every suspended hook has loaded, answering the app's requests with `replies`. */
async function renderLoaded(ui: ReactNode, initialUser: UserJson | null, ...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore: "memory", fetch });
  const { prelude } = await prerender(
    <HexclaveProvider app={app} initialUser={initialUser}>
      {ui}
    </HexclaveProvider>,
  );
  const html = (await new Response(prelude).text()).replace(/<!--\/?\$-->/g, "");
  return { html, paths: calls.map((call) => requestOf(call).path) };
}

function TeamNames() {
  return <p>{useTeams().map((team) => team.displayName).join(", ") || "no teams"}</p>;
}

describe("useTeams and useTeam", () => {
  it("renders the signed-in user's teams once they have loaded", async () => {
    const { html, paths } = await renderLoaded(<TeamNames />, userJson(), ok(list([teamJson(), teamJson({ id: "t2", display_name: "Ops" })])));
    expect(html).toBe("<p>Design, Ops</p>");
    expect(paths).toEqual(["/teams?user_id=me"]);
  });

  it("loads the teams once for every component of the same user", async () => {
    const { paths } = await renderLoaded(
      <>
        <TeamNames />
        <TeamNames />
      </>,
      userJson(),
      ok(list([teamJson()])),
    );
    expect(paths).toEqual(["/teams?user_id=me"]);
  });

  it("is empty when signed out, without asking the API", async () => {
    const { html, paths } = await renderLoaded(<TeamNames />, null);
    expect(html).toBe("<p>no teams</p>");
    expect(paths).toEqual([]);
  });

  it("finds one team by id, or null", async () => {
    function TeamName({ id }: { id: string }) {
      return <p>{useTeam(id)?.displayName ?? "none"}</p>;
    }
    const { html } = await renderLoaded(
      <>
        <TeamName id={TEAM} />
        <TeamName id="t-unknown" />
      </>,
      userJson(),
      ok(list([teamJson()])),
    );
    expect(html).toBe("<p>Design</p><p>none</p>");
  });
});

describe("usePermission", () => {
  function CanInvite() {
    return <p>{usePermission({ id: TEAM }, "$invite_members") ? "can invite" : "cannot invite"}</p>;
  }

  it("reads the user's recursive permissions in the team", async () => {
    const { html, paths } = await renderLoaded(<CanInvite />, userJson(), ok(list([{ id: "$invite_members", user_id: FIXTURE_IDS.user, team_id: TEAM }])));
    expect(html).toBe("<p>can invite</p>");
    expect(paths).toEqual([`/team-permissions?team_id=${TEAM}&user_id=me&recursive=true`]);
  });

  it("answers null for a permission the user does not hold", async () => {
    const { html } = await renderLoaded(<CanInvite />, userJson(), ok(list([])));
    expect(html).toBe("<p>cannot invite</p>");
  });

  it("reads project permissions when given only an id", async () => {
    function IsAdmin() {
      return <p>{usePermission("admin")?.id ?? "-"}</p>;
    }
    const { html, paths } = await renderLoaded(<IsAdmin />, userJson(), ok(list([{ id: "admin", user_id: FIXTURE_IDS.user }])));
    expect(html).toBe("<p>admin</p>");
    expect(paths).toEqual(["/project-permissions?user_id=me&recursive=true"]);
  });
});

describe("useApiKeys", () => {
  it("lists the user's keys", async () => {
    function Keys() {
      return <p>{useApiKeys().map((key) => key.value.lastFour).join(",")}</p>;
    }
    const { html, paths } = await renderLoaded(<Keys />, userJson(), ok(list([apiKeyJson()])));
    expect(html).toBe("<p>abcd</p>");
    expect(paths).toEqual(["/user-api-keys?user_id=me"]);
  });

  it("lists a team's keys", async () => {
    function TeamKeys() {
      const team = useTeam(TEAM);
      return team ? <TeamKeyCount team={team} /> : null;
    }
    function TeamKeyCount({ team }: { team: Team }) {
      return <p>{`${useApiKeys(team).length} keys`}</p>;
    }
    const { html, paths } = await renderLoaded(<TeamKeys />, userJson(), ok(list([teamJson()])), ok(list([apiKeyJson({ type: "team", team_id: TEAM })])));
    expect(html).toBe("<p>1 keys</p>");
    expect(paths).toEqual(["/teams?user_id=me", `/team-api-keys?team_id=${TEAM}`]);
  });
});

describe("useOAuthProviders and useConnectedAccount", () => {
  const github = { user_id: FIXTURE_IDS.user, id: "l1", provider_config_id: "github", type: "github", allow_sign_in: true, allow_connected_accounts: true };

  it("lists the user's linked provider accounts", async () => {
    function Providers() {
      return <p>{useOAuthProviders().map((provider) => provider.type).join(",")}</p>;
    }
    const { html, paths } = await renderLoaded(<Providers />, userJson(), ok(list([github])));
    expect(html).toBe("<p>github</p>");
    expect(paths).toEqual(["/oauth-providers?user_id=me"]);
  });

  it("gets a connected account with the scopes asked for, or null when there is none", async () => {
    function Connected({ provider }: { provider: string }) {
      return <p>{useConnectedAccount(provider, { scopes: ["repo"] })?.provider ?? "not connected"}</p>;
    }
    const { html, paths } = await renderLoaded(
      <>
        <Connected provider="github" />
        <Connected provider="gitlab" />
      </>,
      userJson(),
      ok({ access_token: "gho_1" }),
      knownError("OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", 400),
    );
    expect(html).toBe("<p>github</p><p>not connected</p>");
    expect(paths).toEqual(["/connected-accounts/me/github/access-token", "/connected-accounts/me/gitlab/access-token"]);
  });

  it("is empty when signed out, without asking the API", async () => {
    function Nothing() {
      return <p>{`${useOAuthProviders().length} ${useConnectedAccount("github") === null}`}</p>;
    }
    const { html, paths } = await renderLoaded(<Nothing />, null);
    expect(html).toBe("<p>0 true</p>");
    expect(paths).toEqual([]);
  });
});
