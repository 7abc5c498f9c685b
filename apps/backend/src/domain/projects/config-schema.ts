import { OAUTH_PROVIDER_TYPES } from "../../lib/oauth-settings";
import { z } from "../../lib/zod";
import { DEFAULT_EMAIL_THEME_ID, EMAIL_THEMES } from "../emails/templates/themes";

/**
 * The levels a project's config is written at, applied in this order over the defaults. The project level holds what
 * is the same on every branch; a branch carries what a config file in the app's repository describes; the environment
 * holds what differs per deployment (secrets, domains, the email server).
 */
export const CONFIG_LEVELS = ["project", "branch", "environment"] as const;
export type ConfigLevel = (typeof CONFIG_LEVELS)[number];

type Levels = readonly ConfigLevel[];
const PROJECT_ONLY: Levels = ["project"];
const ANY_LEVEL: Levels = ["project", "branch", "environment"];
const BRANCH_UP: Levels = ["branch", "environment"];
const ENVIRONMENT_ONLY: Levels = ["environment"];

export type LeafNode = { kind: "leaf"; value: z.ZodTypeAny; levels: Levels; default?: unknown };
export type ObjectNode = { kind: "object"; fields: Record<string, ConfigNode> };
/** A map whose keys the project chooses (provider ids, domain ids); writing it whole replaces every entry. */
export type RecordNode = { kind: "record"; key: RegExp; keyRule: string; entry: ConfigNode; levels: Levels };
export type ConfigNode = LeafNode | ObjectNode | RecordNode;

const leaf = (value: z.ZodTypeAny, levels: Levels, fallback?: unknown): LeafNode => ({ kind: "leaf", value, levels, default: fallback });
const object = (fields: Record<string, ConfigNode>): ObjectNode => ({ kind: "object", fields });
const flag = (levels: Levels, fallback = false) => leaf(z.boolean(), levels, fallback);

// Stack Auth's id rule for permissions and providers; `$` starts the built-in team permissions.
const CONFIG_ID = { key: /^\$?[a-z0-9_:]+$/, keyRule: "lowercase letters, digits, _ and :" };
const DOMAIN_ID = { key: /^[A-Za-z0-9_-]{1,64}$/, keyRule: "letters, digits, _ and -" };
const APP_ID = { key: /^[a-z0-9-]{1,64}$/, keyRule: "lowercase letters, digits and -" };
// Stack Auth's rule for ids a developer picks, such as data vault stores.
const USER_ID = { key: /^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62}$/, keyRule: "letters, digits, _ and - (not first), at most 63" };

export { OAUTH_PROVIDER_TYPES };

const text = (max: number) => z.string().max(max);
const httpUrl = z.string().max(300).regex(/^https?:\/\/\S+$/, "must be an http(s) URL");

/** The presets, and "oidc": any OpenID provider found through its issuer's discovery document. Ours; Stack Auth has only the presets. */
export const OAUTH_CONFIG_TYPES = [...OAUTH_PROVIDER_TYPES, "oidc"] as const;

const oauthProvider = object({
  type: leaf(z.enum(OAUTH_CONFIG_TYPES), BRANCH_UP),
  allowSignIn: flag(BRANCH_UP),
  allowConnectedAccounts: flag(BRANCH_UP),
  isShared: flag(ENVIRONMENT_ONLY, true),
  clientId: leaf(text(1024), ENVIRONMENT_ONLY),
  clientSecret: leaf(text(1024), ENVIRONMENT_ONLY),
  facebookConfigId: leaf(text(1024), ENVIRONMENT_ONLY),
  microsoftTenantId: leaf(text(1024), ENVIRONMENT_ONLY),
  customCallbackUrl: leaf(httpUrl, ENVIRONMENT_ONLY),
  // Type "oidc" only: the issuer, whose /.well-known/openid-configuration names the endpoints.
  issuerUrl: leaf(httpUrl, ENVIRONMENT_ONLY),
  appleBundles: {
    kind: "record",
    ...DOMAIN_ID,
    levels: ENVIRONMENT_ONLY,
    entry: object({ bundleId: leaf(text(256), ENVIRONMENT_ONLY) }),
  },
});

const permissionSet = (): RecordNode => ({ kind: "record", ...CONFIG_ID, levels: BRANCH_UP, entry: leaf(z.boolean(), BRANCH_UP) });

const emailServer = object({
  isShared: flag(ENVIRONMENT_ONLY, true),
  provider: leaf(z.enum(["smtp", "resend", "managed"]), ENVIRONMENT_ONLY, "smtp"),
  host: leaf(text(256), ENVIRONMENT_ONLY),
  port: leaf(z.number().int().min(1).max(65535), ENVIRONMENT_ONLY),
  username: leaf(text(256), ENVIRONMENT_ONLY),
  password: leaf(text(1024), ENVIRONMENT_ONLY),
  senderName: leaf(text(256), ENVIRONMENT_ONLY),
  senderEmail: leaf(z.string().email().max(256), ENVIRONMENT_ONLY),
});

const sourceOfTruth = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hosted") }).strict(),
  z.object({ type: z.literal("postgres"), connectionString: text(4096) }).strict(),
  z.object({ type: z.literal("neon"), connectionStrings: z.record(text(4096)) }).strict(),
]);

/** Every setting a config override may name, where it may be set, and its default. */
export const CONFIG_SCHEMA: ObjectNode = object({
  sourceOfTruth: leaf(sourceOfTruth, PROJECT_ONLY, { type: "hosted" }),
  project: object({ requirePublishableClientKey: flag(ANY_LEVEL) }),
  auth: object({
    allowSignUp: flag(BRANCH_UP, true),
    password: object({ allowSignIn: flag(BRANCH_UP) }),
    otp: object({ allowSignIn: flag(BRANCH_UP) }),
    passkey: object({ allowSignIn: flag(BRANCH_UP) }),
    // Wrong passwords before password sign-in pauses for an account, and per client (an IP address or IPv6 /64)
    // across accounts in 15 minutes. Ours; Stack Auth has no such setting.
    signInGuard: object({
      enabled: flag(BRANCH_UP, true),
      maxFailures: leaf(z.number().int().min(3).max(100), BRANCH_UP, 10),
      maxFailuresPerClient: leaf(z.number().int().min(10).max(100_000), BRANCH_UP, 100),
    }),
    oauth: object({
      accountMergeStrategy: leaf(z.enum(["link_method", "raise_error", "allow_duplicates"]), BRANCH_UP, "link_method"),
      providers: { kind: "record", ...CONFIG_ID, levels: BRANCH_UP, entry: oauthProvider },
    }),
  }),
  onboarding: object({ requireEmailVerification: flag(BRANCH_UP) }),
  users: object({ allowClientUserDeletion: flag(BRANCH_UP) }),
  teams: object({ createPersonalTeamOnSignUp: flag(BRANCH_UP), allowClientTeamCreation: flag(BRANCH_UP) }),
  rbac: object({
    permissions: {
      kind: "record",
      ...CONFIG_ID,
      levels: BRANCH_UP,
      entry: object({
        description: leaf(text(1024), BRANCH_UP),
        scope: leaf(z.enum(["team", "project"]), BRANCH_UP),
        containedPermissionIds: permissionSet(),
      }),
    },
    defaultPermissions: object({ teamCreator: permissionSet(), teamMember: permissionSet(), signUp: permissionSet() }),
  }),
  apiKeys: object({ enabled: object({ user: flag(BRANCH_UP), team: flag(BRANCH_UP) }) }),
  apps: object({
    installed: { kind: "record", ...APP_ID, levels: BRANCH_UP, entry: object({ enabled: flag(BRANCH_UP) }) },
  }),
  domains: object({
    allowLocalhost: flag(BRANCH_UP),
    trustedDomains: {
      kind: "record",
      ...DOMAIN_ID,
      levels: ENVIRONMENT_ONLY,
      entry: object({ baseUrl: leaf(text(300), ENVIRONMENT_ONLY), handlerPath: leaf(text(300).startsWith("/"), ENVIRONMENT_ONLY, "/handler") }),
    },
  }),
  dataVault: object({
    stores: { kind: "record", ...USER_ID, levels: BRANCH_UP, entry: object({ displayName: leaf(text(256), BRANCH_UP, "Unnamed Vault") }) },
  }),
  emails: object({
    server: emailServer,
    selectedThemeId: leaf(
      z.string().refine((id) => id in EMAIL_THEMES, "must be the id of an email theme"),
      BRANCH_UP,
      DEFAULT_EMAIL_THEME_ID,
    ),
    // Tells a user by email when their password, two-factor setup or passkey changes. Ours; off by default, since
    // Stack Auth sends no such mail and apps moving over should not start sending it unasked.
    securityNotifications: flag(BRANCH_UP),
  }),
});

/** Whether a path names a fixed group of settings (like `auth.password`), rather than a map entry or a single value. */
export function isSettingsGroup(path: readonly string[]): boolean {
  let node: ConfigNode = CONFIG_SCHEMA;
  for (const segment of path) {
    if (node.kind !== "object" || !Object.hasOwn(node.fields, segment)) return false;
    node = node.fields[segment]!;
  }
  return node.kind === "object";
}

/** The schema node a dot-separated path names, or null when there is none. */
export function nodeAt(path: readonly string[]): ConfigNode | null {
  let node: ConfigNode = CONFIG_SCHEMA;
  for (const segment of path) {
    if (node.kind === "object") {
      const next: ConfigNode | undefined = Object.hasOwn(node.fields, segment) ? node.fields[segment] : undefined;
      if (!next) return null;
      node = next;
    } else if (node.kind === "record") {
      if (!node.key.test(segment)) return null;
      node = node.entry;
    } else {
      return null;
    }
  }
  return node;
}
