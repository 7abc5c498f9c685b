import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { toClientProjectJson } from "../domain/projects/project-json";
import { type TokenKind, audienceFor } from "../domain/tokens/access-token-claims";
import { queryBoolean, z } from "../lib/zod";
import { defineRoute } from "./define-route";
import type { OperationDoc } from "./openapi";
import { jwksQuery, jwksResponse } from "./schemas/jwks";
import { clientProjectResponse } from "./schemas/projects";
import { ANY_ACCESS } from "./route-policy";

export const projectRoutes = [
  defineRoute({
    method: "get",
    path: "/projects/current",
    summary: "The current project as its clients see it",
    tags: ["Projects"],
    access: ANY_ACCESS,
    response: { status: 200, description: "The project", schema: clientProjectResponse },
    handler: ({ c, auth }) => c.json(toClientProjectJson(auth.tenancy.project, auth.tenancy.config)),
  }),
];

export const jwksOperation: OperationDoc = {
  method: "get",
  path: "/projects/:project_id/.well-known/jwks.json",
  summary: "The public keys that verify the project's access tokens",
  tags: ["Projects"],
  access: "none",
  readsProjectHeaders: false,
  validatesRequest: false,
  params: z.object({ project_id: z.string() }).strict(),
  query: jwksQuery,
  response: { status: 200, description: "The key set; it may be cached for an hour", schema: jwksResponse },
  otherResponses: [{ status: 404, description: "No such project (or a malformed query)", schema: z.string(), mediaType: "text/plain" }],
};

/** Public keys of a project's access tokens. Served outside the route helper: it takes no project headers at all. */
export function jwksRoutes() {
  const app = new Hono<AppEnv>();
  const query = z
    .object({ include_restricted: queryBoolean().optional(), include_anonymous: queryBoolean().optional() })
    .strict();
  app.get("/projects/:project_id/.well-known/jwks.json", async (c) => {
    const services = c.get("services");
    const projectId = c.req.param("project_id");
    const parsed = query.safeParse(c.req.query());
    const project = parsed.success ? await services.projects.get(projectId) : null;
    if (!parsed.success || !project) return c.text("Project not found", 404);
    const includeAnonymous = parsed.data.include_anonymous ?? false;
    const includeRestricted = includeAnonymous || (parsed.data.include_restricted ?? false);
    const kinds: TokenKind[] = ["normal", ...(includeRestricted ? ["restricted" as const] : []), ...(includeAnonymous ? ["anonymous" as const] : [])];
    const keys = kinds.flatMap((kind) => services.keyring.keysFor(audienceFor(projectId, kind)).map((key) => key.jwk));
    return c.json({ keys }, 200, { "cache-control": "public, max-age=3600" });
  });
  return app;
}
