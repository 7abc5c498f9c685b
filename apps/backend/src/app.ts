import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { KnownError, KnownErrors } from "@stackframe/stack-shared";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "./app-env";
import type { Services } from "./services";
import { isDatabaseUnavailable, pgErrorCode } from "./db/client";
import { writeLogRecord } from "./lib/json-log";
import { StatusError } from "./lib/status-error";
import { refuseNonCanonicalPaths } from "./middleware/canonical-path";
import { CORS_HEADERS, cors } from "./middleware/cors";
import { rejectCredentialsInUrl } from "./middleware/credential-in-url";
import { answerDatabaseUnavailable } from "./middleware/database-unavailable";
import { knownErrorHeaders, requestPipeline } from "./middleware/response-headers";
import { anonymousAuthRoutes } from "./routes/anonymous-auth";
import { apiRootRoutes } from "./routes/api-root";
import { apiReferenceRoutes } from "./routes/api-reference";
import { apiKeyRoutes } from "./routes/api-keys";
import { backendUrlRoutes } from "./routes/backend-urls";
import { cliAuthRoutes } from "./routes/cli-auth";
import { contactChannelRoutes } from "./routes/contact-channels";
import { credentialScanningOperation, credentialScanningRoutes } from "./routes/credential-scanning";
import { emailOutboxRoutes } from "./routes/email-outbox";
import { storedFileOperation, storedFileRoutes } from "./routes/files";
import { cronRoutes } from "./routes/cron";
import { mountRoutes } from "./routes/define-route";
import { internalApiKeyRoutes } from "./routes/internal-api-keys";
import { internalConfigRoutes } from "./routes/internal-config";
import { internalMetricsRoutes } from "./routes/internal-metrics";
import { internalProjectRoutes } from "./routes/internal-projects";
import { internalSendTestEmailRoutes } from "./routes/internal-send-test-email";
import { oauthTokenRoutes } from "./routes/oauth-token";
import { oauthAuthorizeRoutes } from "./routes/oauth-authorize";
import { oauthCallbackRoutes } from "./routes/oauth-callback";
import { oauthProviderRoutes } from "./routes/oauth-providers";
import { connectedAccountRoutes } from "./routes/connected-accounts";
import { oauthCrossDomainRoutes } from "./routes/oauth-cross-domain";
import { oauthAppleNativeRoutes } from "./routes/oauth-apple-native";
import { dataVaultRoutes } from "./routes/data-vault";
import { mfaAuthRoutes } from "./routes/mfa-auth";
import { passkeyAuthRoutes } from "./routes/passkey-auth";
import { otpAuthRoutes } from "./routes/otp-auth";
import { passwordAuthRoutes } from "./routes/password-auth";
import { permissionDefinitionRoutes } from "./routes/permission-definitions";
import { permissionRoutes } from "./routes/permissions";
import { createOpenApiDocument, registerOperation, registerSecuritySchemes } from "./routes/openapi";
import { jwksOperation, jwksRoutes, projectRoutes } from "./routes/projects";
import { checkResponses } from "./routes/response-check";
import { sessionManagementRoutes } from "./routes/session-management";
import { sessionRoutes } from "./routes/sessions";
import { teamInvitationRoutes } from "./routes/team-invitations";
import { teamMemberProfileRoutes } from "./routes/team-member-profiles";
import { teamRoutes } from "./routes/teams";
import { userRoutes } from "./routes/users";
import { webhookRoutes } from "./routes/webhooks";

const API_VERSIONS = ["v1", "latest"];
const ALLOWED_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]);

export function createApp(services: Services) {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry);
  const api = new Hono<AppEnv>();
  const responseChecks = services.config.responseChecks?.enabled ? { recordFile: services.config.responseChecks.recordFile } : undefined;
  mountRoutes(api, registry, [
    ...projectRoutes,
    ...internalProjectRoutes,
    ...internalConfigRoutes,
    ...internalApiKeyRoutes,
    ...internalMetricsRoutes,
    ...passwordAuthRoutes,
    ...otpAuthRoutes,
    ...mfaAuthRoutes,
    ...passkeyAuthRoutes,
    ...dataVaultRoutes,
    ...webhookRoutes,
    ...anonymousAuthRoutes,
    ...cliAuthRoutes,
    ...oauthTokenRoutes,
    ...oauthAuthorizeRoutes,
    ...oauthCallbackRoutes,
    ...oauthProviderRoutes,
    ...connectedAccountRoutes,
    ...oauthCrossDomainRoutes,
    ...oauthAppleNativeRoutes,
    ...sessionRoutes,
    ...sessionManagementRoutes,
    ...userRoutes,
    ...contactChannelRoutes,
    ...apiKeyRoutes,
    ...teamRoutes,
    ...teamMemberProfileRoutes,
    ...teamInvitationRoutes,
    ...permissionRoutes,
    ...permissionDefinitionRoutes,
    ...emailOutboxRoutes,
    ...internalSendTestEmailRoutes,
    ...backendUrlRoutes,
    ...cronRoutes,
    // Last, so the reference page opens on the project routes rather than on the greeting.
    ...apiRootRoutes,
  ], { checkResponses: responseChecks });
  // Served outside the route helper (they take no project headers), so documented and checked here.
  for (const operation of [jwksOperation, credentialScanningOperation, storedFileOperation]) {
    registerOperation(registry, operation);
    if (responseChecks) api.on(operation.method.toUpperCase(), operation.path, checkResponses(operation, responseChecks));
  }
  api.route("/", jwksRoutes());
  api.route("/", credentialScanningRoutes());
  api.route("/", storedFileRoutes());
  const openApiDocument = createOpenApiDocument(registry, services.config.apiUrl);
  api.get("/openapi.json", (c) => c.json(openApiDocument));
  api.route("/", apiReferenceRoutes(services.config.apiUrl));

  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("services", services);
    await next();
  });
  app.use("*", requestPipeline);
  app.use("*", refuseNonCanonicalPaths);
  app.use("*", async (c, next) => {
    if (!ALLOWED_METHODS.has(c.req.method)) return c.text("Method not allowed", 405);
    await next();
  });
  app.get("/health", async (c) => {
    // ?db=1 also proves the database answers, for load balancers that should drop an instance that lost it.
    if (c.req.query("db") === "1") await services.db.execute(sql`select 1`);
    const warnings = services.forwarding.untrustedForwardedHeaders ? ["forwarded_headers_not_trusted"] : [];
    return c.json({ status: "ok", ...(warnings.length > 0 ? { warnings } : {}) }, 200, { "access-control-allow-origin": "*" });
  });
  app.use("/api/*", cors);
  app.use("/api/*", rejectCredentialsInUrl);
  for (const version of API_VERSIONS) app.route(`/api/${version}`, api);

  app.notFound((c) => c.text(`No API endpoint at ${c.req.method} ${new URL(c.req.url).pathname}`, 404));
  app.onError((error, c) => {
    if (error instanceof KnownError) {
      const headers = knownErrorHeaders(error.code);
      // RFC 6750 §3: tell bearer-token clients why their token was refused.
      if (error instanceof KnownErrors.InvalidAccessToken) headers["www-authenticate"] = 'Bearer error="invalid_token"';
      // The rest of an oversized body is never read, so the connection cannot carry another request.
      if (error instanceof KnownErrors.PayloadTooLarge) headers.connection = "close";
      // RFC 9110 §10.2.3: say when a paused sign-in may be tried again.
      if (error instanceof KnownErrors.TooManySignInAttempts) headers["retry-after"] = String(error.details?.retry_after_seconds ?? 60);
      return c.json(error.toJson(), error.statusCode as 400, headers);
    }
    if (error instanceof StatusError) return c.text(error.message, error.status);
    if (isDatabaseUnavailable(error)) return answerDatabaseUnavailable(c, error);
    // Anything else is a bug: log it with the request id, and answer without revealing anything about it.
    const requestId = c.get("requestId");
    // Only the stack and SQLSTATE: driver errors carry row values in their other fields.
    writeLogRecord({
      log: "error",
      time: new Date().toISOString(),
      request_id: requestId,
      route: `${c.req.method} ${new URL(c.req.url).pathname}`,
      sqlstate: pgErrorCode(error) ?? null,
      stack: error.stack ?? error.message,
    });
    return c.text(`Something went wrong. Request ID: ${requestId}`, 500, CORS_HEADERS);
  });
  return app;
}

