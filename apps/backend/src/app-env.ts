import type { HttpBindings } from "@hono/node-server";
import type { AccessType } from "@stackframe/stack-shared";
import type { Tenancy } from "./domain/projects/tenancy";
import type { UserRecord } from "./domain/users/user-record";
import type { StackHeaders } from "./middleware/request-headers";
import type { Services } from "./services";

/** Who is calling: resolved once per request from the project headers. */
export type Auth = {
  type: AccessType;
  tenancy: Tenancy;
  user: UserRecord | null;
  /** The access token's user id; on routes that skip loading the user, the only trace of who it is. */
  tokenUserId: string | null;
  refreshTokenId: string | null;
};

export type AppEnv = {
  /** The Node request and response under @hono/node-server; absent when tests call `app.request` with no server. */
  Bindings: Partial<HttpBindings>;
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
