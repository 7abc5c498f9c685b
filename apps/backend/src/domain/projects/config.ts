export type TrustedDomain = { baseUrl: string; handlerPath: string };
export type PermissionScope = "team" | "project";
export type PermissionDefinition = { description?: string; scope: PermissionScope; containedPermissionIds: Record<string, boolean> };

/** The rendered config: schema defaults with the project's override laid on top. */
export type ProjectConfig = {
  project: { requirePublishableClientKey: boolean };
  auth: {
    allowSignUp: boolean;
    password: { allowSignIn: boolean };
    otp: { allowSignIn: boolean };
    passkey: { allowSignIn: boolean };
    oauth: {
      accountMergeStrategy: "link_method" | "raise_error" | "allow_duplicates";
      providers: Record<string, { type?: string; isShared?: boolean; allowSignIn?: boolean; clientId?: string; clientSecret?: string }>;
    };
  };
  onboarding: { requireEmailVerification: boolean };
  users: { allowClientUserDeletion: boolean };
  teams: { createPersonalTeamOnSignUp: boolean; allowClientTeamCreation: boolean };
  rbac: {
    permissions: Record<string, PermissionDefinition | null | undefined>;
    defaultPermissions: { teamCreator: Record<string, boolean>; teamMember: Record<string, boolean>; signUp: Record<string, boolean> };
  };
  apiKeys: { enabled: { user: boolean; team: boolean } };
  domains: { allowLocalhost: boolean; trustedDomains: Record<string, TrustedDomain> };
  emails: { server: Record<string, unknown>; selectedThemeId: string | null };
};

export const CONFIG_DEFAULTS: ProjectConfig = {
  project: { requirePublishableClientKey: false },
  auth: {
    allowSignUp: true,
    password: { allowSignIn: false },
    otp: { allowSignIn: false },
    passkey: { allowSignIn: false },
    oauth: { accountMergeStrategy: "link_method", providers: {} },
  },
  onboarding: { requireEmailVerification: false },
  users: { allowClientUserDeletion: false },
  teams: { createPersonalTeamOnSignUp: false, allowClientTeamCreation: false },
  rbac: { permissions: {}, defaultPermissions: { teamCreator: {}, teamMember: {}, signUp: {} } },
  apiKeys: { enabled: { user: false, team: false } },
  domains: { allowLocalhost: false, trustedDomains: {} },
  emails: { server: { isShared: true }, selectedThemeId: null },
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
};

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(node[segment])) node[segment] = {};
    node = node[segment] as Json;
  }
  const last = path[path.length - 1]!;
  node[last] = isPlainObject(value) && isPlainObject(node[last]) ? mergeDeep(node[last] as Json, value) : value;
}

function mergeDeep(base: Json, override: Json): Json {
  const result: Json = structuredClone(base);
  for (const [key, value] of Object.entries(override)) setPath(result, key.split("."), value);
  return result;
}

export function renderConfig(override: Record<string, unknown>): ProjectConfig {
  return mergeDeep(CONFIG_DEFAULTS as unknown as Json, override) as unknown as ProjectConfig;
}

/** Folds new dot-notation keys into an override, dropping older keys they replace. */
export function mergeOverride(override: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const result = { ...override };
  for (const key of Object.keys(changes)) {
    for (const existing of Object.keys(result)) if (existing.startsWith(`${key}.`)) delete result[existing];
  }
  return { ...result, ...changes };
}
