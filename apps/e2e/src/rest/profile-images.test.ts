import { beforeAll, describe, expect, it } from "vitest";
import { type SignedInUser, type TestProject, api, createTestProject, expectKnownError, patchProjectConfig, projectHeaders, signUpWithPassword } from "../harness/rest";
import { dataUrlOf, expectServedImage, pngOf, storedFileCount } from "./image-helpers";

let project: TestProject;
const client = (user: SignedInUser) => projectHeaders(project, "client", { "access-token": user.accessToken });
const server = () => projectHeaders(project, "server");

const PNG = pngOf(16, 8, { shade: 0x80 });
const HOSTED = "https://cdn.example.com/avatars/42.png?size=64";

// Stack Auth's API refuses a bad profile image with a plain-text 400, not a known error.
function expectImageRefused(response: { status: number; headers: Headers; body: unknown }): void {
  expect(response.status).toBe(400);
  expect(response.headers.get("x-stack-known-error")).toBeNull();
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
}

const INVALID_UPLOADS: [string, string][] = [
  ["invalid base64", "data:image/png;base64,iVBORw0K*not base64*"],
  ["a file that is not an image", dataUrlOf(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "image/svg+xml")],
  ["text claiming to be a PNG", dataUrlOf(Buffer.from("hello, I am a PNG"))],
  ["an image over 1 MB", dataUrlOf(pngOf(1, 1, { padding: 1_000_001 }))],
  ["an image wider than 4096 pixels", dataUrlOf(pngOf(5000, 1))],
  ["an image taller than 4096 pixels", dataUrlOf(pngOf(1, 4100))],
];

beforeAll(async () => {
  project = await createTestProject("Profile images");
  await patchProjectConfig(project, { client_team_creation_enabled: true });
});

describe("user profile images", () => {
  it("stores a server's upload on create and answers a URL of ours that serves the same bytes", async () => {
    const created = await api("/api/v1/users", { headers: server(), body: { display_name: "Pic", profile_image_url: dataUrlOf(PNG) } });
    expect(created.status).toBe(201);
    const url = created.body.profile_image_url as string;
    expect(url).toMatch(/\/api\/v1\/files\/user-profile-images\/[0-9a-f]{32}\.png$/);
    await expectServedImage(url, PNG);
    expect((await api(`/api/v1/users/${created.body.id}`, { headers: server() })).body.profile_image_url).toBe(url);
  });

  it("keeps a server's http(s) URL as given, and clears the image on null", async () => {
    const created = await api("/api/v1/users", { headers: server(), body: {} });
    const kept = await api(`/api/v1/users/${created.body.id}`, { method: "PATCH", headers: server(), body: { profile_image_url: HOSTED } });
    expect(kept.body.profile_image_url).toBe(HOSTED);
    const cleared = await api(`/api/v1/users/${created.body.id}`, { method: "PATCH", headers: server(), body: { profile_image_url: null } });
    expect(cleared.body.profile_image_url).toBeNull();
  });

  it("lets a signed-in user upload their own image through /users/me", async () => {
    const user = await signUpWithPassword(project);
    const own = pngOf(4, 4, { shade: 0x20 });
    const changed = await api("/api/v1/users/me", { method: "PATCH", headers: client(user), body: { profile_image_url: dataUrlOf(own) } });
    expect(changed.status).toBe(200);
    await expectServedImage(changed.body.profile_image_url, own);
    expect((await api("/api/v1/users/me", { headers: client(user) })).body.profile_image_url).toBe(changed.body.profile_image_url);
  });

  it("refuses a client's http(s) URL with Stack Auth's plain-text 400, changing nothing", async () => {
    const user = await signUpWithPassword(project);
    const refused = await api("/api/v1/users/me", { method: "PATCH", headers: client(user), body: { profile_image_url: HOSTED, display_name: "Not saved" } });
    expectImageRefused(refused);
    expect(refused.text).toBe("Invalid profile image URL");
    const me = await api("/api/v1/users/me", { headers: client(user) });
    expect(me.body).toMatchObject({ profile_image_url: null, display_name: null });
  });

  for (const [what, upload] of INVALID_UPLOADS) {
    it(`refuses ${what}, for clients and servers alike, storing and changing nothing`, async () => {
      const user = await signUpWithPassword(project);
      const before = storedFileCount();
      expectImageRefused(await api("/api/v1/users/me", { method: "PATCH", headers: client(user), body: { profile_image_url: upload } }));
      expectImageRefused(await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: server(), body: { profile_image_url: upload, display_name: "Not saved" } }));
      expectImageRefused(await api("/api/v1/users", { headers: server(), body: { profile_image_url: upload } }));
      expect(storedFileCount()).toBe(before);
      expect((await api(`/api/v1/users/${user.userId}`, { headers: server() })).body).toMatchObject({ profile_image_url: null, display_name: null });
    });
  }
});

describe("team profile images", () => {
  it("stores a client's upload when it creates a team, and a server's when it changes one", async () => {
    const user = await signUpWithPassword(project);
    const created = await api("/api/v1/teams", { headers: client(user), body: { display_name: "Pics", profile_image_url: dataUrlOf(PNG) } });
    expect(created.status).toBe(201);
    expect(created.body.profile_image_url).toMatch(/\/api\/v1\/files\/team-profile-images\/[0-9a-f]{32}\.png$/);
    await expectServedImage(created.body.profile_image_url, PNG);
    const other = pngOf(2, 2, { shade: 0xff });
    const changed = await api(`/api/v1/teams/${created.body.id}`, { method: "PATCH", headers: server(), body: { profile_image_url: dataUrlOf(other) } });
    await expectServedImage(changed.body.profile_image_url, other);
    const hosted = await api(`/api/v1/teams/${created.body.id}`, { method: "PATCH", headers: server(), body: { profile_image_url: HOSTED } });
    expect(hosted.body.profile_image_url).toBe(HOSTED);
  });

  it("refuses a client's URL and invalid uploads, keeping the team's image", async () => {
    const user = await signUpWithPassword(project);
    const team = (await api("/api/v1/teams", { headers: client(user), body: { display_name: "Kept" } })).body;
    const before = storedFileCount();
    expectImageRefused(await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: client(user), body: { profile_image_url: HOSTED } }));
    expectImageRefused(await api("/api/v1/teams", { headers: client(user), body: { display_name: "Never", profile_image_url: HOSTED } }));
    for (const [, upload] of INVALID_UPLOADS) {
      expectImageRefused(await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: server(), body: { profile_image_url: upload } }));
    }
    expect(storedFileCount()).toBe(before);
    expect((await api(`/api/v1/teams/${team.id}`, { headers: server() })).body.profile_image_url).toBeNull();
  });

  it("stores nothing for a member who may not change the team", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    const team = (await api("/api/v1/teams", { headers: client(admin), body: { display_name: "Guarded" } })).body;
    await api(`/api/v1/team-memberships/${team.id}/${member.userId}`, { headers: server(), body: {} });
    const before = storedFileCount();
    const refused = await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: client(member), body: { profile_image_url: dataUrlOf(PNG) } });
    expectKnownError(refused, "TEAM_PERMISSION_REQUIRED", 401);
    expect(storedFileCount()).toBe(before);
  });
});

describe("team member profile images", () => {
  it("stores a member's own upload, and keeps a server's URL", async () => {
    const user = await signUpWithPassword(project);
    const team = (await api("/api/v1/teams", { headers: client(user), body: { display_name: "Members" } })).body;
    const uploaded = await api(`/api/v1/team-member-profiles/${team.id}/me`, { method: "PATCH", headers: client(user), body: { profile_image_url: dataUrlOf(PNG) } });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.profile_image_url).toMatch(/\/api\/v1\/files\/team-member-profile-images\/[0-9a-f]{32}\.png$/);
    await expectServedImage(uploaded.body.profile_image_url, PNG);
    const hosted = await api(`/api/v1/team-member-profiles/${team.id}/${user.userId}`, { method: "PATCH", headers: server(), body: { profile_image_url: HOSTED } });
    expect(hosted.body.profile_image_url).toBe(HOSTED);
  });

  it("refuses a member's URL and invalid uploads, storing nothing", async () => {
    const user = await signUpWithPassword(project);
    const team = (await api("/api/v1/teams", { headers: client(user), body: { display_name: "Strict" } })).body;
    const before = storedFileCount();
    expectImageRefused(await api(`/api/v1/team-member-profiles/${team.id}/me`, { method: "PATCH", headers: client(user), body: { profile_image_url: HOSTED } }));
    for (const [, upload] of INVALID_UPLOADS) {
      expectImageRefused(await api(`/api/v1/team-member-profiles/${team.id}/me`, { method: "PATCH", headers: client(user), body: { profile_image_url: upload } }));
    }
    expect(storedFileCount()).toBe(before);
    expect((await api(`/api/v1/team-member-profiles/${team.id}/me`, { headers: client(user) })).body.profile_image_url).toBeNull();
  });
});

describe("the file route", () => {
  it("answers 404 in plain text for a name that holds nothing or is not one it makes", async () => {
    for (const path of [
      "/api/v1/files/user-profile-images/0123456789abcdef0123456789abcdef.png",
      "/api/v1/files/user-profile-images/..%2F..%2Fpackage.json",
      "/api/v1/files/etc/passwd",
    ]) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/plain/);
    }
  });
});
