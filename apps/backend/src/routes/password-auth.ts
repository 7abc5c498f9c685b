import type { Auth } from "../app-env";
import { signInWithPassword, signUpWithPassword } from "../domain/auth/password-auth";
import { setPassword, updatePassword } from "../domain/auth/password-change";
import { codePointString, strictEmail, z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { schemaError } from "./validation";

const ANY_ACCESS = ["client", "server", "admin"] as const;
const tags = ["Password authentication"];
// Auth routes take small bodies; anything bigger is refused before it is read (SECURITY-TESTS IN-02).
export const AUTH_BODY_LIMIT = 64 * 1024;
const password = () => codePointString(70);
const success = z.object({ success: z.literal(true) });

// The catalog reports a missing user on these routes as a validation error of `auth.user`.
function requireSignedInUser(auth: Auth, method: string, url: string) {
  if (!auth.user) throw schemaError(method, new URL(url).pathname, ["auth.user must be defined"]);
  return auth.user;
}

const signInResponse = z.object({ access_token: z.string(), refresh_token: z.string(), user_id: z.string() });

export const passwordAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/password/sign-up",
    summary: "Sign up with email and password",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z
      .object({
        email: strictEmail(),
        password: password(),
        verification_callback_url: z.string().url().max(2048).optional(),
      })
      .strict(),
    response: { status: 200, description: "Tokens of the new user's session", schema: signInResponse },
    handler: async ({ c, services, auth, body }) => c.json(await signUpWithPassword(services, auth.project, body)),
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/sign-in",
    summary: "Sign in with email and password",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ email: z.string().min(1).max(256), password: password() }).strict(),
    response: { status: 200, description: "Tokens of a new session", schema: signInResponse },
    handler: async ({ c, services, auth, body }) => c.json(await signInWithPassword(services, auth.project, body)),
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/update",
    summary: "Change the signed-in user's password; ends their other sessions",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ old_password: password(), new_password: password() }).strict(),
    response: { status: 200, description: "Changed", schema: success },
    handler: async ({ c, services, auth, body, headers }) => {
      const user = requireSignedInUser(auth, c.req.method, c.req.url);
      await updatePassword(services, auth.project, user, {
        oldPassword: body.old_password,
        newPassword: body.new_password,
        keepRefreshToken: headers["refresh-token"],
      });
      return c.json({ success: true as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/set",
    summary: "Give a password to the signed-in user's account, which has none",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ password: password() }).strict(),
    response: { status: 200, description: "Set", schema: success },
    handler: async ({ c, services, auth, body }) => {
      await setPassword(services, auth.project, requireSignedInUser(auth, c.req.method, c.req.url), body.password);
      return c.json({ success: true as const });
    },
  }),
];
