// The import rules of the backend and the SDK packages, checked by `pnpm test` (scripts/test.mjs) and
// explained in docs/architecture.md.
const BACKEND = "^apps/backend/src/";
// Route files that hold the request pipeline or shapes every route family uses, rather than a family of routes.
const ROUTE_INFRASTRUCTURE = `${BACKEND}routes/(define-route|request-body|validation|client-ip|auth-helpers|user-changes|route-policy|route-errors|response-check|openapi|oauth-cookies)\\.ts$|${BACKEND}routes/schemas/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle, even of types only, ties modules that should stand alone; every layer imports downwards only.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-not-to-http",
      severity: "error",
      comment: "Domain functions are plain functions: they never see routes, middleware or Hono.",
      from: { path: `${BACKEND}domain/` },
      to: { path: [`${BACKEND}(routes|middleware)/`, `${BACKEND}app\\.ts$`, "^hono$", "node_modules/hono/"] },
    },
    {
      name: "db-imports-nothing-of-the-app",
      severity: "error",
      comment: "The schema and client are the bottom layer.",
      from: { path: `${BACKEND}db/` },
      to: { path: `${BACKEND}(domain|routes|middleware|services|app)` },
    },
    {
      name: "lib-is-a-leaf",
      severity: "error",
      comment: "lib/ holds utilities that know nothing of the app.",
      from: { path: `${BACKEND}lib/` },
      to: { path: `${BACKEND}(domain|routes|middleware|db|services|app)` },
    },
    {
      name: "routes-not-to-other-routes",
      severity: "error",
      comment: "A route family reaches shared code through domain/ or the pipeline modules, never through another family.",
      from: { path: `${BACKEND}routes/[^/]+\\.ts$` },
      to: { path: `${BACKEND}routes/[^/]+\\.ts$`, pathNot: ROUTE_INFRASTRUCTURE },
    },
    {
      name: "client-app-not-to-admin-app",
      severity: "error",
      comment: "A base class never reaches its subclass: the client app must load without the server and admin apps.",
      from: { path: "^packages/template/src/lib/apps/client-app" },
      to: { path: "^packages/template/src/lib/apps/(server|admin)-app" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/|\\.test\\.tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
