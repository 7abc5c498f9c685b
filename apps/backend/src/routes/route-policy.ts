/** Who may call a route: the access types in the project headers that it accepts. */
export const ANY_ACCESS = ["client", "server", "admin"] as const;
export const SERVER_ACCESS = ["server", "admin"] as const;
export const ADMIN_ACCESS = ["admin"] as const;

// Sign-in bodies hold a few short fields; a small limit keeps unauthenticated callers from making the server buffer much.
export const AUTH_BODY_LIMIT = 64 * 1024;
