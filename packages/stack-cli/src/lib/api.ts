import { readCredentials } from "./credentials";
import { CliError } from "./ui";

export const DEFAULT_API_URL = "https://api.hexclave.com";
export const DEFAULT_APP_URL = "https://app.hexclave.com";
export const INTERNAL_PROJECT_ID = "internal";

export type GlobalOptions = { apiUrl?: string; appUrl?: string };

export type ApiSettings = { apiUrl: string; publishableClientKey?: string };

/** The backend the CLI talks to: the flag, the environment, the saved login, then Hexclave's cloud. */
export function resolveApiSettings(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): ApiSettings {
  const apiUrl = options.apiUrl || env.HEXCLAVE_API_URL || readCredentials(env)?.apiUrl || DEFAULT_API_URL;
  return { apiUrl: apiUrl.replace(/\/+$/, ""), publishableClientKey: env.HEXCLAVE_PUBLISHABLE_CLIENT_KEY || undefined };
}

export function resolveAppUrl(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return options.appUrl || env.HEXCLAVE_DASHBOARD_URL || DEFAULT_APP_URL;
}

type Request = { method?: string; headers?: Record<string, string>; body?: unknown; form?: Record<string, string> };

/** One call to the API; a non-2xx answer becomes a CliError with the backend's code and message. */
export async function callApi<T = any>(settings: ApiSettings, path: string, request: Request = {}): Promise<T> {
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (request.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  } else if (request.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.body);
  }
  let response: Response;
  try {
    response = await fetch(`${settings.apiUrl}${path}`, { method: request.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  } catch (error) {
    throw new CliError(`Cannot reach the Hexclave API at ${settings.apiUrl}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const detail = json?.code ? `${json.code}: ${json.error ?? ""}` : text.slice(0, 300);
    throw new CliError(`${request.method ?? "GET"} ${path} failed (${response.status}) ${detail}`.trim());
  }
  return json as T;
}

/** Headers for the internal project, as the signed-in user (access token) or anonymously. */
export function internalHeaders(settings: ApiSettings, accessToken?: string): Record<string, string> {
  return {
    "x-hexclave-project-id": INTERNAL_PROJECT_ID,
    "x-hexclave-access-type": "client",
    ...(settings.publishableClientKey ? { "x-hexclave-publishable-client-key": settings.publishableClientKey } : {}),
    ...(accessToken ? { "x-hexclave-access-token": accessToken } : {}),
  };
}
