import { CONFIG_SCHEMA, type ConfigNode, isSettingsGroup, nodeAt } from "./config-schema";

export type TrustedDomain = { baseUrl: string; handlerPath: string };
export type PermissionScope = "team" | "project";
export type PermissionDefinition = { description?: string; scope: PermissionScope; containedPermissionIds: Record<string, boolean> };

export type OAuthProviderConfig = {
  type?: string;
  isShared: boolean;
  allowSignIn: boolean;
  allowConnectedAccounts: boolean;
  clientId?: string;
  clientSecret?: string;
  facebookConfigId?: string;
  microsoftTenantId?: string;
  customCallbackUrl?: string;
  issuerUrl?: string;
  appleBundles: Record<string, { bundleId?: string }>;
};

/** The rendered config: the defaults of config-schema.ts with the override levels laid on top. */
export type ProjectConfig = {
  sourceOfTruth: { type: "hosted" } | { type: "postgres"; connectionString: string } | { type: "neon"; connectionStrings: Record<string, string> };
  project: { requirePublishableClientKey: boolean };
  auth: {
    allowSignUp: boolean;
    password: { allowSignIn: boolean };
    otp: { allowSignIn: boolean };
    passkey: { allowSignIn: boolean };
    signInGuard: { enabled: boolean; maxFailures: number; maxFailuresPerClient: number };
    oauth: { accountMergeStrategy: "link_method" | "raise_error" | "allow_duplicates"; providers: Record<string, OAuthProviderConfig> };
  };
  onboarding: { requireEmailVerification: boolean };
  users: { allowClientUserDeletion: boolean };
  teams: { createPersonalTeamOnSignUp: boolean; allowClientTeamCreation: boolean };
  rbac: {
    permissions: Record<string, PermissionDefinition | undefined>;
    defaultPermissions: { teamCreator: Record<string, boolean>; teamMember: Record<string, boolean>; signUp: Record<string, boolean> };
  };
  apiKeys: { enabled: { user: boolean; team: boolean } };
  apps: { installed: Record<string, { enabled: boolean }> };
  domains: { allowLocalhost: boolean; trustedDomains: Record<string, TrustedDomain> };
  dataVault: { stores: Record<string, { displayName: string } | undefined> };
  emails: {
    server: {
      isShared: boolean;
      provider: "smtp" | "resend" | "managed";
      host?: string;
      port?: number;
      username?: string;
      password?: string;
      senderName?: string;
      senderEmail?: string;
    };
    selectedThemeId: string;
    securityNotifications: boolean;
  };
};

/** What a project created through the API starts with. */
export const NEW_PROJECT_OVERRIDE: Record<string, unknown> = {
  "auth.password.allowSignIn": true,
  "auth.allowSignUp": true,
  "domains.allowLocalhost": true,
  "rbac.permissions": {
    team_member: {
      description: "Default permission for team members",
      scope: "team",
      containedPermissionIds: { $read_members: true, $invite_members: true },
    },
    team_admin: {
      description: "Default permission for team admins",
      scope: "team",
      containedPermissionIds: {
        $update_team: true,
        $delete_team: true,
        $read_members: true,
        $remove_members: true,
        $invite_members: true,
        $manage_api_keys: true,
      },
    },
  },
  "rbac.defaultPermissions": { teamCreator: { team_admin: true }, teamMember: { team_member: true }, signUp: {} },
  "apps.installed": { authentication: { enabled: true }, emails: { enabled: true } },
};

type Json = Record<string, unknown>;

/** A JSON object, as a config or an override is: not null, not an array. */
export const isPlainObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Keys that would reach an object's prototype when assigned; no setting is named so.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
export const isUnsafeConfigKey = (segment: string) => UNSAFE_KEYS.has(segment);

function withDefaults(node: ConfigNode, value: unknown): unknown {
  if (node.kind === "leaf") return value === undefined ? structuredClone(node.default) : value;
  const current = isPlainObject(value) ? value : {};
  const entries =
    node.kind === "object"
      ? Object.entries(node.fields).map(([key, field]) => [key, withDefaults(field, current[key])] as const)
      : Object.entries(current).map(([key, entry]) => [key, withDefaults(node.entry, entry)] as const);
  return Object.fromEntries(entries.filter(([, entry]) => entry !== undefined));
}

/** Lays `value` over `base`: objects merge key by key, a map set whole replaces, null removes. */
function mergeValue(path: string[], base: unknown, value: unknown): unknown {
  if (!isPlainObject(value) || !isPlainObject(base) || nodeAt(path)?.kind === "record") return structuredClone(value);
  const result: Json = { ...base };
  for (const [key, child] of Object.entries(value)) {
    if (isUnsafeConfigKey(key)) continue;
    if (child === null) delete result[key];
    else result[key] = mergeValue([...path, key], result[key], child);
  }
  return result;
}

function applyOverride(config: Json, override: Json): void {
  for (const [key, value] of Object.entries(override)) {
    const path = key.split(".");
    if (path.some(isUnsafeConfigKey)) continue;
    // A dotted key only changes a setting whose parent exists by now: it cannot create a map entry on its own.
    let parent: unknown = config;
    for (const segment of path.slice(0, -1)) parent = isPlainObject(parent) ? parent[segment] : undefined;
    if (!isPlainObject(parent)) continue;
    const last = path[path.length - 1]!;
    if (value === null) delete parent[last];
    else parent[last] = mergeValue(path, parent[last], value);
  }
}

/** The effective config: the defaults with each level's override laid on in order (project, branch, environment). */
export function renderConfig(...overrides: Record<string, unknown>[]): ProjectConfig {
  const config = withDefaults(CONFIG_SCHEMA, {}) as Json;
  for (const override of overrides) applyOverride(config, override);
  return withDefaults(CONFIG_SCHEMA, config) as ProjectConfig;
}

/**
 * Writes nested objects under fixed settings as dotted keys, so that a patch changes only the settings it names.
 * A map entry stays one key: dotted keys below it would be dropped while the entry does not exist yet.
 */
export function flattenOverride(override: Record<string, unknown>): Record<string, unknown> {
  const result: Json = {};
  const visit = (key: string, value: unknown) => {
    if (isPlainObject(value) && isSettingsGroup(key.split("."))) {
      for (const [child, childValue] of Object.entries(value)) visit(`${key}.${child}`, childValue);
    } else {
      result[key] = value;
    }
  };
  for (const [key, value] of Object.entries(override)) visit(key, value);
  return result;
}

/** Whether a dotted config path is `path` itself or a setting below it. */
const isAtOrBelow = (candidate: string, path: string) => candidate === path || candidate.startsWith(`${path}.`);

/** Folds a patch into an override: each key it sets replaces the same key and every key below it. */
export function mergeOverride(override: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const result = { ...override };
  for (const [path, value] of Object.entries(flattenOverride(changes))) {
    for (const existing of Object.keys(result)) if (isAtOrBelow(existing, path)) delete result[existing];
    result[path] = value;
  }
  return result;
}

/** Drops the named keys, and every key below them, from an override. */
export function removeOverrideKeys(override: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(override).filter(([existing]) => !keys.some((path) => isAtOrBelow(existing, path))),
  );
}
