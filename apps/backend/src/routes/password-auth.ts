import type { Auth } from "../app-env";
import { signInWithPassword, signUpWithPassword } from "../domain/auth/password-auth";
import { setPassword, updatePassword } from "../domain/auth/password-change";
import { checkPasswordResetCode, resetPassword, sendPasswordResetEmail } from "../domain/auth/password-reset";
import { codePointString, strictEmail, z } from "../lib/zod";
import { clientIpOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { schemaError } from "./validation";

const ANY_ACCESS = ["client", "server", "admin"] as const;
const tags = ["Password authentication"];
// Auth routes take small bodies; anything bigger is refused before it is read.
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
    handler: async ({ c, services, auth, body }) => c.json(await signUpWithPassword(services, auth.project, body, auth.user)),
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
  defineRoute({
    method: "post",
    path: "/auth/password/send-reset-code",
    summary: "Mail a password reset link, if the address signs in to an account",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ email: strictEmail(), callback_url: z.string().url().max(2048) }).strict(),
    response: { status: 200, description: "The same answer whether or not the account exists" },
    handler: async ({ c, services, auth, body }) => {
      await sendPasswordResetEmail(services, auth.project, {
        email: body.email,
        callbackUrl: body.callback_url,
        clientIp: clientIpOf(c),
      });
      return c.json({ success: "maybe, only if user with e-mail exists" });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/reset",
    summary: "Set a new password with the code of a reset link; signs the account out everywhere",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ code: z.string().length(45), password: password() }).strict(),
    response: { status: 200, description: "Reset", schema: success },
    handler: async ({ c, services, auth, body }) => {
      await resetPassword(services, auth.project, body);
      return c.json({ success: true as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/reset/check-code",
    summary: "Whether a password reset code is valid, without using it",
    tags,
    access: ANY_ACCESS,
    body: z.object({ code: z.string().length(45) }).strict(),
    response: { status: 200, description: "Valid" },
    handler: async ({ c, services, auth, body }) => {
      await checkPasswordResetCode(services, auth.project, body.code);
      return c.json({ is_code_valid: true });
    },
  }),
];
