import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, refreshWithOAuth, signUpWithPassword } from "../harness/rest";

let project: TestProject;
beforeAll(async () => {
  project = await createTestProject("CLI login");
});

const headers = () => projectHeaders(project, "client");
const start = (body: Record<string, unknown> = {}) => api("/api/v1/auth/cli", { headers: headers(), body });
const poll = (pollingCode: string) => api("/api/v1/auth/cli/poll", { headers: headers(), body: { polling_code: pollingCode } });
const complete = (body: Record<string, unknown>) => api("/api/v1/auth/cli/complete", { headers: headers(), body });

describe("CLI login", () => {
  it("hands the approving browser's refresh token to the CLI, once", async () => {
    const started = await start();
    expect(started.body).toMatchObject({ polling_code: expect.stringMatching(/^[a-z2-7]{45}$/), login_code: expect.stringMatching(/^[a-z2-7]{45}$/) });
    expect(Date.parse(started.body.expires_at)).toBeGreaterThan(Date.now() + 7_000_000);
    expect((await poll(started.body.polling_code)).body).toEqual({ status: "waiting" });

    const user = await signUpWithPassword(project);
    expect((await complete({ login_code: started.body.login_code, mode: "check" })).body).toEqual({ cli_session_state: "none" });
    expect((await complete({ login_code: started.body.login_code, refresh_token: user.refreshToken })).body).toEqual({ success: true });

    const approved = await poll(started.body.polling_code);
    expect(approved.status).toBe(201);
    expect(approved.body).toEqual({ status: "success", refresh_token: user.refreshToken });
    expect((await refreshWithOAuth(project.projectId, approved.body.refresh_token)).status).toBe(200);
    expect((await poll(started.body.polling_code)).body).toEqual({ status: "used" });
    const late = await complete({ login_code: started.body.login_code, refresh_token: user.refreshToken });
    expect(late.status).toBe(400);
    expect(late.text).toBe("Invalid login code or the code has expired");
  });

  it("refuses unknown codes and bad refresh tokens", async () => {
    expectKnownError(await poll("x".repeat(45)), "INVALID_POLLING_CODE", 400);
    const started = await start({ expires_in_millis: 60_000 });
    const missing = await complete({ login_code: started.body.login_code });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/refresh_token is required/);
    const invalid = await complete({ login_code: started.body.login_code, refresh_token: "a".repeat(45) });
    expect(invalid.text).toBe("Invalid refresh token");
    expectKnownError(await start({ expires_in_millis: 86_400_001 }), "SCHEMA_ERROR", 400);
  });

  it("refuses a second approval of the same login, keeping the first", async () => {
    const started = await start();
    const [first, second] = [await signUpWithPassword(project), await signUpWithPassword(project)];
    expect((await complete({ login_code: started.body.login_code, refresh_token: first.refreshToken })).body).toEqual({ success: true });
    const again = await complete({ login_code: started.body.login_code, refresh_token: second.refreshToken });
    expect(again.status).toBe(400);
    expect(again.text).toBe("Invalid login code or the code has expired");
    expect((await poll(started.body.polling_code)).body).toEqual({ status: "success", refresh_token: first.refreshToken });
  });

  it("hands the claiming browser the CLI's anonymous session itself, its refresh token included", async () => {
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: headers(), body: {} });
    const started = await start({ anon_refresh_token: anonymous.body.refresh_token });
    const claimed = await complete({ login_code: started.body.login_code, mode: "claim-anon-session" });
    expect(claimed.body.refresh_token).toBe(anonymous.body.refresh_token);
    const me = await api("/api/v1/users/me", { headers: { ...headers(), "x-hexclave-access-token": claimed.body.access_token, "x-hexclave-allow-anonymous-user": "true" } });
    expect(me.body).toMatchObject({ id: anonymous.body.user_id, is_anonymous: true });
    expect((await refreshWithOAuth(project.projectId, anonymous.body.refresh_token)).status).toBe(200);
    expect((await complete({ login_code: started.body.login_code, mode: "check" })).body).toEqual({ cli_session_state: "none" });
  });

  it("no longer reports an anonymous session that has ended since the CLI started", async () => {
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: headers(), body: {} });
    const started = await start({ anon_refresh_token: anonymous.body.refresh_token });
    const asAnonymous = { ...headers(), "x-hexclave-access-token": anonymous.body.access_token, "x-hexclave-allow-anonymous-user": "true" };
    expect((await api("/api/v1/auth/sessions/current", { method: "DELETE", headers: asAnonymous })).status).toBe(200);
    expect((await complete({ login_code: started.body.login_code, mode: "check" })).body).toEqual({ cli_session_state: "none" });
    expect((await complete({ login_code: started.body.login_code, mode: "claim-anon-session" })).status).toBe(400);
  });

  it("lets the browser claim the CLI's anonymous session", async () => {
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: headers(), body: {} });
    const started = await start({ anon_refresh_token: anonymous.body.refresh_token });
    expect((await complete({ login_code: started.body.login_code, mode: "check" })).body).toEqual({ cli_session_state: "anonymous" });
    const claimed = await complete({ login_code: started.body.login_code, mode: "claim-anon-session" });
    expect(claimed.body).toMatchObject({ access_token: expect.any(String), refresh_token: expect.stringMatching(/^[a-z2-7]{45}$/) });
    const again = await complete({ login_code: started.body.login_code, mode: "claim-anon-session" });
    expect(again.text).toBe("No anonymous session associated with this code");
    const signedUp = await signUpWithPassword(project);
    const notAnonymous = await start({ anon_refresh_token: signedUp.refreshToken });
    expect(notAnonymous.status).toBe(400);
  });
});
