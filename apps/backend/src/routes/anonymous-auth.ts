import { signInResponseFor } from "../domain/tokens/issue-tokens";
import { createUser } from "../domain/users/create-user";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { signInResponse } from "./schemas/auth";
import { ANY_ACCESS } from "./route-policy";

export const anonymousAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/anonymous/sign-up",
    summary: "Create an anonymous user, to be upgraded later by signing up with an email",
    tags: ["Anonymous users"],
    access: ANY_ACCESS,
    body: z.object({}).strict().optional(),
    response: { status: 200, description: "Tokens of the anonymous user's session (anonymous audience)", schema: signInResponse },
    handler: async ({ c, services, auth, body: _ }) => {
      const { user, session } = await createUser(services.db, auth.tenancy, { isAnonymous: true }, { openSession: true });
      return c.json(await signInResponseFor(services.accessTokens, auth.tenancy, user, session!));
    },
  }),
];
