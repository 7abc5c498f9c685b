export type AccessTokenPayload = {
  sub: string;
  exp?: number;
  iat: number;
  project_id: string;
  branch_id: string;
  refresh_token_id: string;
  name: string | null;
  email: string | null;
  email_verified: boolean;
  selected_team_id: string | null;
  is_anonymous: boolean;
  is_restricted: boolean;
};

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(segment.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * An access token as the SDK sees it: a JWT whose claims are read, never verified.
 * The server verifies; the client only needs to know when to refresh.
 */
export class AccessToken {
  readonly payload: AccessTokenPayload | null;

  constructor(readonly token: string) {
    this.payload = AccessToken.decode(token);
  }

  static decode(token: string): AccessTokenPayload | null {
    const parts = token.split(".");
    if (parts.length !== 3 || !parts[1]) return null;
    try {
      const payload = JSON.parse(decodeBase64Url(parts[1]));
      if (typeof payload !== "object" || payload === null || typeof payload.sub !== "string") return null;
      return payload.exp === undefined || Number.isFinite(payload.exp) ? payload : null;
    } catch {
      return null;
    }
  }

  get expiresAtMillis(): number {
    return this.payload?.exp === undefined ? Number.POSITIVE_INFINITY : this.payload.exp * 1000;
  }

  /** An unparsable token counts as expired, so it is replaced before use. */
  expiresWithin(millis: number, now = Date.now()): boolean {
    return this.payload === null || this.expiresAtMillis - now <= millis;
  }
}
