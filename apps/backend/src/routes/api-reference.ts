import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";

const BUNDLE_PATH = "/docs/scalar.js";

let bundle: Promise<string> | undefined;

/** Scalar's single-file browser build, from its npm package: the page needs no CDN, so it works offline. */
function readScalarBundle(): Promise<string> {
  // The package exports no path to its browser build, so it is found beside the entry point it does export.
  const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
  bundle ??= readFile(join(dirname(entry), "browser", "standalone.js"), "utf8");
  return bundle;
}

/** The page's own policy: scripts only from this server with the page's nonce, requests only to the API. */
function contentSecurityPolicy(nonce: string, apiOrigin: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // The reference injects its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${apiOrigin}`,
    "worker-src blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The API reference page (`/docs`) over the OpenAPI document (`/openapi.json`), both relative to the API version. */
export function apiReferenceRoutes(apiUrl: string) {
  const app = new Hono<AppEnv>();
  const apiOrigin = new URL(apiUrl).origin;
  app.get(BUNDLE_PATH, async (c) =>
    c.body(await readScalarBundle(), 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" }),
  );
  app.get(
    "/docs",
    Scalar<AppEnv>((c) => {
      const nonce = randomBytes(16).toString("base64");
      const versionPath = c.req.path.slice(0, -"/docs".length);
      c.header("content-security-policy", contentSecurityPolicy(nonce, apiOrigin));
      c.header("referrer-policy", "no-referrer");
      c.header("x-content-type-options", "nosniff");
      return {
        url: `${versionPath}/openapi.json`,
        cdn: `${versionPath}${BUNDLE_PATH}`,
        nonce,
        pageTitle: "Hexclave REST API reference",
        // Scalar's default fonts, its AI chat and its MCP generator all call its own servers: nothing on the page
        // may leave this one.
        withDefaultFonts: false,
        agent: { disabled: true },
        mcp: { disabled: true },
        telemetry: false,
        showDeveloperTools: "never",
      };
    }),
  );
  return app;
}
