// Setup for the permission-check and API-key-check figures of `pnpm bench`: a permission graph three levels deep,
// one team with every bench user in it, and one user API key per user.
import { randomUUID } from "node:crypto";

type Json = Record<string, any>;
type BenchRequest = { method: string; path: string; headers: Record<string, string>; body?: string };

async function call(url: string, init: { method?: string; headers: Record<string, string>; body?: unknown }): Promise<Json> {
  const response = await fetch(url, { method: init.method ?? (init.body === undefined ? "GET" : "POST"), headers: { "content-type": "application/json", ...init.headers }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "POST"} ${url} failed: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** Returns the two request lists to load: a nested permission check per user, and a key check per user's key. */
export async function setUpRbacBench(api: string, projectId: string, ownerAccessToken: string, users: { userId: string; accessToken: string }[]) {
  const admin = { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": ownerAccessToken };
  await call(`${api}/internal/projects/current`, { method: "PATCH", headers: admin, body: { config: { allow_user_api_keys: true } } });
  const keySet = await call(`${api}/internal/api-keys`, {
    headers: admin,
    body: { description: "bench", expires_at_millis: Date.now() + 24 * 3600 * 1000, has_publishable_client_key: false, has_secret_server_key: true, has_super_secret_admin_key: false },
  });
  const server = { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": keySet.secret_server_key };

  // bench_level_3 ⊃ bench_level_2 ⊃ bench_level_1: the check asks for the innermost one.
  for (const [id, contained] of [["bench_level_1", []], ["bench_level_2", ["bench_level_1"]], ["bench_level_3", ["bench_level_2"]]] as const) {
    await call(`${api}/team-permission-definitions`, { headers: admin, body: { id, contained_permission_ids: contained } });
  }
  const team = await call(`${api}/teams`, { headers: server, body: { display_name: `bench-${randomUUID().slice(0, 8)}` } });
  const keys: string[] = [];
  for (const user of users) {
    await call(`${api}/team-memberships/${team.id}/${user.userId}`, { headers: server, body: {} });
    await call(`${api}/team-permissions/${team.id}/${user.userId}/bench_level_3`, { headers: server, body: {} });
    const key = await call(`${api}/user-api-keys`, { headers: server, body: { user_id: user.userId, description: "bench", expires_at_millis: null } });
    keys.push(key.value);
  }
  const client = { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "client" };
  const permissionChecks: BenchRequest[] = users.map((user) => ({
    method: "GET",
    path: `/api/v1/team-permissions?team_id=${team.id}&user_id=me&permission_id=bench_level_1&recursive=true`,
    headers: { ...client, "x-hexclave-access-token": user.accessToken },
  }));
  const keyChecks: BenchRequest[] = keys.map((key) => ({
    method: "POST",
    path: "/api/v1/user-api-keys/check",
    headers: { ...server, "content-type": "application/json" },
    body: JSON.stringify({ api_key: key }),
  }));
  // Fail before measuring rather than measure errors.
  const probe = await call(`${api}/team-permissions?team_id=${team.id}&user_id=me&permission_id=bench_level_1&recursive=true`, { headers: permissionChecks[0]!.headers });
  if (probe.items.length !== 1) throw new Error(`The nested permission check found ${probe.items.length} grants, not 1.`);
  return { permissionChecks, keyChecks };
}
