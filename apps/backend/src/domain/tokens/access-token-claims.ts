export type RestrictedReason = { type: "anonymous" | "email_not_verified" | "restricted_by_administrator" };

/** Every claim the published SDK's client-side validator requires. */
export type AccessTokenClaims = {
  sub: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
  project_id: string;
  branch_id: string;
  refresh_token_id: string;
  role: "authenticated";
  name: string | null;
  email: string | null;
  email_verified: boolean;
  selected_team_id: string | null;
  signed_up_at: number;
  is_anonymous: boolean;
  is_restricted: boolean;
  restricted_reason: RestrictedReason | null;
  requires_totp_mfa: boolean;
};

export type TokenKind = "normal" | "anonymous" | "restricted";

const AUDIENCE_SUFFIX: Record<TokenKind, string> = { normal: "", anonymous: ":anon", restricted: ":restricted" };
const ISSUER_PATH: Record<TokenKind, string> = {
  normal: "projects",
  anonymous: "projects-anonymous-users",
  restricted: "projects-restricted-users",
};

// Tokens minted by the hosted services before a move to self-hosting stay valid, as do our own.
export const WELL_KNOWN_API_URLS = ["https://api.stack-auth.com", "https://api.hexclave.com"];

export function tokenKindOf(claims: { is_anonymous: boolean; is_restricted: boolean }): TokenKind {
  if (claims.is_anonymous) return "anonymous";
  return claims.is_restricted ? "restricted" : "normal";
}

export function audienceFor(projectId: string, kind: TokenKind): string {
  return projectId + AUDIENCE_SUFFIX[kind];
}

export function issuerFor(apiUrl: string, projectId: string, kind: TokenKind): string {
  return `${apiUrl}/api/v1/${ISSUER_PATH[kind]}/${projectId}`;
}

export function parseAudience(aud: string): { projectId: string; kind: TokenKind } | null {
  const [projectId, suffix, ...rest] = aud.split(":");
  if (!projectId || rest.length > 0) return null;
  if (suffix === undefined) return { projectId, kind: "normal" };
  if (suffix === "anon") return { projectId, kind: "anonymous" };
  if (suffix === "restricted") return { projectId, kind: "restricted" };
  return null;
}
