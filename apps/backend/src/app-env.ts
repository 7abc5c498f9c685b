import type { AccessType } from "@stackframe/stack-shared";
import type { Database } from "./db/client";
import type { ProjectCache, ResolvedProject } from "./domain/projects/project-cache";
import type { AccessTokenService } from "./domain/tokens/access-tokens";
import type { UserRecord } from "./domain/users/user-record";
import type { BackendConfig } from "./lib/config";
import type { EmailTransport } from "./lib/email-transport";
import type { ForwardingDiagnostics } from "./lib/forwarded-headers";
import type { JwtKeyring } from "./lib/jwt-keys";
import type { PasswordHasher } from "./lib/passwords";
import type { StackHeaders } from "./middleware/request-headers";

export type Services = {
  db: Database;
  config: BackendConfig;
  keyring: JwtKeyring;
  accessTokens: AccessTokenService;
  passwords: PasswordHasher;
  projects: ProjectCache;
  mailer: EmailTransport;
  forwarding: ForwardingDiagnostics;
};

/** Who is calling: resolved once per request from the project headers. */
export type Auth = {
  type: AccessType;
  project: ResolvedProject;
  tenancyId: string;
  user: UserRecord | null;
  /** The access token's user id; on routes that skip loading the user, the only trace of who it is. */
  tokenUserId: string | null;
  refreshTokenId: string | null;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    stackHeaders: StackHeaders;
    services: Services;
    /** Set once a route has resolved the caller; the security events read who it was. */
    auth?: Auth | null;
    /** The validated body of a route, for the security events (which read only identifiers from it). */
    requestBody?: unknown;
  };
};
