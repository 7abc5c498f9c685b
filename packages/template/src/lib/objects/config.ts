import type { ConfigSourceJson, Json } from "@stackframe/stack-shared";

/**
 * A project's config, or one level's override of it, as a plain JSON object. Override keys may use dot notation.
 * @example const changes: HexclaveConfig = { "teams.allowClientTeamCreation": true, users: { allowClientUserDeletion: false } };
 */
export type HexclaveConfig = { [key: string]: Json };

/** The levels an app may replace, read or reset directly; the project level is written through `project.update()`. */
export type ConfigOverrideLevel = "branch" | "environment";

/**
 * Where the pushed (branch-level) config came from.
 * @example const source: PushedConfigSource = { type: "pushed-from-github", owner: "acme", repo: "app", branch: "main", commitHash: "4f2a…", configFilePath: "hexclave.config.ts" };
 */
export type PushedConfigSource =
  | {
      type: "pushed-from-github";
      owner: string;
      repo: string;
      branch: string;
      commitHash: string;
      configFilePath: string;
      workflowPath?: string;
    }
  | { type: "pushed-from-unknown" }
  | { type: "unlinked" };

export type PushConfigOptions = { source: PushedConfigSource };

export function pushedConfigSourceToJson(source: PushedConfigSource): ConfigSourceJson {
  if (source.type !== "pushed-from-github") return { type: source.type };
  return {
    type: source.type,
    owner: source.owner,
    repo: source.repo,
    branch: source.branch,
    commit_hash: source.commitHash,
    config_file_path: source.configFilePath,
    ...(source.workflowPath !== undefined ? { workflow_path: source.workflowPath } : {}),
  };
}

export function pushedConfigSourceFromJson(json: ConfigSourceJson): PushedConfigSource {
  if (json.type !== "pushed-from-github") return { type: json.type };
  return {
    type: json.type,
    owner: json.owner,
    repo: json.repo,
    branch: json.branch,
    commitHash: json.commit_hash,
    configFilePath: json.config_file_path,
    ...(json.workflow_path !== undefined ? { workflowPath: json.workflow_path } : {}),
  };
}

/** Every config the API sends is a JSON object in a string. */
export function configFromJsonString(configString: string): HexclaveConfig {
  const parsed: unknown = JSON.parse(configString);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`The server sent a config that is not a JSON object: ${configString.slice(0, 100)}`);
  }
  return parsed as HexclaveConfig;
}
