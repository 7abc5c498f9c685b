import { type ApiResponse, type TestProject, api, projectHeaders } from "../harness/rest";

export type ConfigLevel = "project" | "branch" | "environment";

const admin = (project: TestProject) => projectHeaders(project, "admin");

export async function renderedConfig(project: TestProject): Promise<any> {
  const response = await api("/api/v1/internal/config", { headers: admin(project) });
  if (response.status !== 200) throw new Error(`Reading the config failed: ${response.status} ${response.text}`);
  return JSON.parse(response.body.config_string);
}

export async function levelOverride(project: TestProject, level: ConfigLevel): Promise<Record<string, unknown>> {
  const response = await api(`/api/v1/internal/config/override/${level}`, { headers: admin(project) });
  if (response.status !== 200) throw new Error(`Reading the ${level} override failed: ${response.status} ${response.text}`);
  return JSON.parse(response.body.config_string);
}

export function patchOverride(project: TestProject, level: ConfigLevel, changes: Record<string, unknown> | string): Promise<ApiResponse> {
  const configOverrideString = typeof changes === "string" ? changes : JSON.stringify(changes);
  return api(`/api/v1/internal/config/override/${level}`, { method: "PATCH", headers: admin(project), body: { config_override_string: configOverrideString } });
}

/** Sets environment keys and fails the test unless the backend accepted them. */
export async function setEnvironmentConfig(project: TestProject, changes: Record<string, unknown>): Promise<void> {
  const response = await patchOverride(project, "environment", changes);
  if (response.status !== 200) throw new Error(`Config change failed: ${response.status} ${response.text}`);
}
