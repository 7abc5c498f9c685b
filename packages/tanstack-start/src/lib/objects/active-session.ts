// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { SessionJson } from "@stackframe/stack-shared";

/** A signed-in device or browser of a user, as listed in account settings. */
export type ActiveSession = {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | undefined;
  readonly isImpersonation: boolean;
  readonly isCurrentSession: boolean;
};

export function activeSessionFromJson(json: SessionJson): ActiveSession {
  return {
    id: json.id,
    userId: json.user_id,
    createdAt: new Date(json.created_at),
    lastUsedAt: json.last_used_at ? new Date(json.last_used_at) : undefined,
    isImpersonation: json.is_impersonation,
    isCurrentSession: json.is_current_session,
  };
}
