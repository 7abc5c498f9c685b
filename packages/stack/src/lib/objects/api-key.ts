// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { ApiKeyCreateJson, ApiKeyFirstViewJson, ApiKeyJson, ApiKeyUpdateJson } from "@stackframe/stack-shared";

export type ApiKeyType = "user" | "team";

/**
 * A user's or a team's API key, for your users to call your own API with; check it there with
 * `serverApp.getUser({ apiKey })` or `serverApp.getTeam({ apiKey })`.
 * @example
 * const key = await user.createApiKey({ description: "CI", expiresAt: null });
 * console.log(key.value); // the full key, shown this once
 */
export type ApiKey<Type extends ApiKeyType = ApiKeyType, IsFirstView extends boolean = false> = {
  readonly id: string;
  readonly description: string;
  /** Undefined for a key that never expires. */
  readonly expiresAt?: Date;
  readonly manuallyRevokedAt: Date | null;
  readonly createdAt: Date;
  /** Public keys (`pk_…`) are meant to be seen, e.g. in a browser, so leak scanners leave them alone. */
  readonly isPublic: boolean;
  /** The whole key right after creation; afterwards only its last four characters. */
  readonly value: IsFirstView extends true ? string : { lastFour: string };
  update(options: ApiKeyUpdateOptions): Promise<void>;
  /** Revokes the key for good. */
  revoke(): Promise<void>;
  isValid(): boolean;
  whyInvalid(): "manually-revoked" | "expired" | null;
} & (("user" extends Type ? { readonly type: "user"; readonly userId: string } : never) | ("team" extends Type ? { readonly type: "team"; readonly teamId: string } : never));

export type UserApiKey = ApiKey<"user">;
export type UserApiKeyFirstView = ApiKey<"user", true>;
export type TeamApiKey = ApiKey<"team">;
export type TeamApiKeyFirstView = ApiKey<"team", true>;

/** The type parameter only mirrors the published SDK's signature: both kinds of key take the same options. */
export type ApiKeyCreationOptions<_Type extends ApiKeyType = ApiKeyType> = {
  description: string;
  /** Null for a key that never expires. */
  expiresAt: Date | null;
  isPublic?: boolean;
};

/** The API changes a key's description and revokes it; nothing else (an expiry is set at creation). */
export type ApiKeyUpdateOptions<_Type extends ApiKeyType = ApiKeyType> = { description?: string; revoked?: boolean };

export function apiKeyCreationToJson(options: ApiKeyCreationOptions): ApiKeyCreateJson {
  return {
    description: options.description,
    expires_at_millis: options.expiresAt === null ? null : options.expiresAt.getTime(),
    ...(options.isPublic === undefined ? {} : { is_public: options.isPublic }),
  };
}

export function apiKeyUpdateToJson(options: ApiKeyUpdateOptions): ApiKeyUpdateJson {
  return {
    ...(options.description === undefined ? {} : { description: options.description }),
    ...(options.revoked === undefined ? {} : { revoked: options.revoked }),
  };
}

/** How a key object changes its key: through the client or the server interface, and what to refresh after. */
export type ApiKeyDeps = { update(json: ApiKeyUpdateJson): Promise<void> };

export function apiKeyFromJson(json: ApiKeyJson, deps: ApiKeyDeps): ApiKey;
export function apiKeyFromJson(json: ApiKeyFirstViewJson, deps: ApiKeyDeps): ApiKey<ApiKeyType, true>;
export function apiKeyFromJson(json: ApiKeyJson | ApiKeyFirstViewJson, deps: ApiKeyDeps): ApiKey<ApiKeyType, boolean> {
  const expiresAt = json.expires_at_millis === undefined ? undefined : new Date(json.expires_at_millis);
  const manuallyRevokedAt = json.manually_revoked_at_millis === undefined ? null : new Date(json.manually_revoked_at_millis);
  // Read at call time: a key object kept around expires when its time comes.
  const whyInvalid = () => (manuallyRevokedAt ? "manually-revoked" : expiresAt && expiresAt.getTime() <= Date.now() ? "expired" : null);
  const update = (options: ApiKeyUpdateOptions) => deps.update(apiKeyUpdateToJson(options));
  return {
    id: json.id,
    description: json.description,
    ...(expiresAt ? { expiresAt } : {}),
    manuallyRevokedAt,
    createdAt: new Date(json.created_at_millis),
    isPublic: json.is_public,
    value: typeof json.value === "string" ? json.value : { lastFour: json.value.last_four },
    ...(json.type === "team" ? { type: "team" as const, teamId: json.team_id } : { type: "user" as const, userId: json.user_id }),
    update,
    revoke: () => update({ revoked: true }),
    isValid: () => whyInvalid() === null,
    whyInvalid,
  };
}
