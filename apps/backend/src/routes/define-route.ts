import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { type AccessType, type KnownErrorClass, KnownErrors } from "@stackframe/stack-shared";
import type { Context, Hono } from "hono";
import type { AppEnv, Auth } from "../app-env";
import type { Services } from "../services";
import { z } from "../lib/zod";
import { resolveAuth } from "../middleware/auth";
import type { StackHeaders } from "../middleware/request-headers";
import { type RouteResponse, registerOperation } from "./openapi";
import { type BodyFormat, parseRequestBody, singleValuedParameters } from "./request-body";
import { type ResponseCheckSettings, checkResponses } from "./response-check";
import { validateRequest } from "./validation";

type AccessRule = readonly AccessType[] | "none";
type AnyZod = z.ZodTypeAny;
type EmptyObject = z.ZodObject<{}, "strict">;

export type RouteContext<P extends AnyZod, Q extends AnyZod, B extends AnyZod, R extends AccessRule> = {
  c: Context<AppEnv>;
  services: Services;
  headers: StackHeaders;
  auth: R extends "none" ? Auth | null : Auth;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
};

export type RouteSpec<P extends AnyZod, Q extends AnyZod, B extends AnyZod, R extends AccessRule> = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tags: string[];
  access: R;
  params?: P;
  query?: Q;
  /** Not on DELETE routes: a DELETE's body is read (within the limit, and it must parse) but never validated or used. */
  body?: B;
  /** A narrower body schema for the client access type; fields only servers may set then fail as unknown. */
  clientBody?: AnyZod;
  bodyFormat?: BodyFormat;
  bodyLimitBytes?: number;
  /** False for hot read routes that find the token's user themselves, in the same query as their data. */
  loadUser?: boolean;
  /** Request headers the handler reads beyond the project headers, for the document (e.g. the refresh token). */
  headers?: z.AnyZodObject;
  response: RouteResponse;
  /** Answers of the route's own besides `response`: another success status, or an error body that is not a known error. */
  otherResponses?: RouteResponse[];
  /** Known errors the route's own code can throw; those of the request checks and of the project headers are implied. */
  errors?: readonly KnownErrorClass[];
  handler: (ctx: RouteContext<P, Q, B, R>) => Response | Promise<Response>;
};

const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
const emptyObject = (): EmptyObject => z.object({}).strict();

export function defineRoute<
  R extends AccessRule,
  P extends AnyZod = EmptyObject,
  Q extends AnyZod = EmptyObject,
  B extends AnyZod = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B, R>): RouteSpec<any, any, any, any> {
  return spec;
}

function checkAccess(rule: AccessRule, auth: Auth | null): void {
  if (rule === "none") return;
  if (!auth) throw new KnownErrors.AccessTypeRequired();
  if (!rule.includes(auth.type)) throw new KnownErrors.InsufficientAccessType(auth.type, rule);
}

function queryOf(c: Context<AppEnv>): Record<string, string> {
  // Most requests have no query string: no URL is parsed for them.
  if (!c.req.url.includes("?")) return {};
  return singleValuedParameters(c, "query", new URL(c.req.url).searchParams);
}

/** Registers routes on a Hono app and in the OpenAPI document, with auth → validation → handler in that order. */
export function mountRoutes(
  app: Hono<AppEnv>,
  registry: OpenAPIRegistry,
  routes: RouteSpec<any, any, any, any>[],
  options: { checkResponses?: ResponseCheckSettings } = {},
): void {
  for (const route of routes) {
    // Stack Auth's API ignores whatever a DELETE carries, and the SDKs send one (`{}` on leaving a team, stray fields
    // elsewhere), so no DELETE route may depend on its body.
    const ignoresBody = route.method === "delete";
    if (ignoresBody && (route.body || route.clientBody)) throw new Error(`${route.path}: a DELETE route declares a body, which is never read.`);
    const schemas = {
      params: route.params ?? emptyObject(),
      query: route.query ?? emptyObject(),
      body: route.body ?? z.undefined(),
    };
    // Registered first, so it wraps the handler and sees its answer, known errors included.
    if (options.checkResponses) app.on(route.method.toUpperCase(), route.path, checkResponses(route, options.checkResponses));
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const services = c.get("services");
      const headers = c.get("stackHeaders");
      const auth = await resolveAuth(services, headers, { loadUser: route.loadUser ?? true });
      c.set("auth", auth);
      checkAccess(route.access, auth);
      const body = await parseRequestBody(c, route.bodyFormat ?? "json", route.bodyLimitBytes ?? DEFAULT_BODY_LIMIT);
      const bodySchema = route.clientBody && auth?.type === "client" ? route.clientBody : schemas.body;
      const parsed = validateRequest(c.req.method, () => new URL(c.req.url).pathname, { ...schemas, body: bodySchema }, {
        params: c.req.param(),
        query: queryOf(c),
        body: ignoresBody ? undefined : body,
      });
      c.set("requestBody", parsed.body);
      return route.handler({ c, services, headers, auth, ...parsed });
    });
    registerOperation(registry, route);
  }
}
