import { type ApiSettings, INTERNAL_PROJECT_ID, callApi } from "./api";
import { readCredentials } from "./credentials";
import { CliError } from "./ui";

export type Session = { settings: ApiSettings; accessToken: string };

/** A fresh access token of the logged-in user, from the saved refresh token. */
export async function requireSession(settings: ApiSettings, env: NodeJS.ProcessEnv = process.env): Promise<Session> {
  const credentials = readCredentials(env);
  if (!credentials) throw new CliError("Not logged in. Run `hexclave login` first.");
  const token = await callApi<{ access_token: string }>(settings, "/api/v1/auth/oauth/token", {
    method: "POST",
    form: {
      grant_type: "refresh_token",
      refresh_token: credentials.refreshToken,
      client_id: INTERNAL_PROJECT_ID,
      client_secret: settings.publishableClientKey ?? "__stack_public_client__",
    },
  }).catch((error: Error) => {
    throw new CliError(`Your login is no longer valid; run \`hexclave login\` again. (${error.message})`);
  });
  return { settings, accessToken: token.access_token };
}

/** Headers that act on one project as its owner, or with an admin key when HEXCLAVE_SUPER_SECRET_ADMIN_KEY is set. */
export function projectAdminHeaders(projectId: string, auth: { accessToken?: string; adminKey?: string }): Record<string, string> {
  const credential: Record<string, string> = auth.adminKey ? { "x-hexclave-super-secret-admin-key": auth.adminKey } : { "x-hexclave-admin-access-token": auth.accessToken ?? "" };
  return { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "admin", ...credential };
}

/** Admin headers for a project: the admin key from the environment if set, else the logged-in user's token. */
export async function resolveProjectAdmin(settings: ApiSettings, projectId: string, env: NodeJS.ProcessEnv = process.env) {
  const adminKey = env.HEXCLAVE_SUPER_SECRET_ADMIN_KEY;
  if (adminKey) return projectAdminHeaders(projectId, { adminKey });
  return projectAdminHeaders(projectId, { accessToken: (await requireSession(settings, env)).accessToken });
}

export function requireProjectId(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const projectId = flag || env.HEXCLAVE_PROJECT_ID || env.STACK_PROJECT_ID;
  if (!projectId) throw new CliError("No project: pass --project-id or set HEXCLAVE_PROJECT_ID.");
  return projectId;
}
