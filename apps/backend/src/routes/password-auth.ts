import { signInWithPassword, signUpWithPassword } from "../domain/auth/password-auth";
import { codePointString, strictEmail, z } from "../lib/zod";
import { defineRoute } from "./define-route";

const ANY_ACCESS = ["client", "server", "admin"] as const;
const tags = ["Password authentication"];
// Auth routes take small bodies; anything bigger is refused before it is read (SECURITY-TESTS IN-02).
export const AUTH_BODY_LIMIT = 64 * 1024;
const password = () => codePointString(70);
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
];
