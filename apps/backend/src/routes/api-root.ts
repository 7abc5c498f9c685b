import type { Auth } from "../app-env";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";

const ACCESS_TYPE_NAMES = { client: "Client", server: "Server", admin: "Admin" } as const;

/**
 * Stack Auth's API answers its root with this plain-text greeting and the caller it recognised; clients and
 * health checks written against it compare the text, so it keeps that format line for line.
 */
export function describeCaller(auth: Auth | null): string {
  const greeting = "Welcome to the Hexclave API endpoint! Please refer to the documentation at https://docs.hexclave.com.";
  if (!auth) return `${greeting}\n\nAuthentication: None`;
  const user = auth.user ? (auth.user.primaryEmail?.value ?? auth.user.row.id) : "None";
  return `${greeting}\n\nAuthentication: ${ACCESS_TYPE_NAMES[auth.type]}\n  Project: ${auth.tenancy.project.id}\n  User: ${user}`;
}

export const apiRootRoutes = [
  defineRoute({
    method: "get",
    path: "/",
    summary: "A greeting that names the caller the project headers identify",
    tags: ["API"],
    // Any caller, with or without project headers; the headers it does send are checked as on every route.
    access: "none",
    response: {
      status: 200,
      description: "The greeting, then `Authentication:` and the access type, project and user recognised",
      schema: z.string(),
      mediaType: "text/plain",
    },
    handler: ({ c, auth }) => c.text(describeCaller(auth)),
  }),
];
