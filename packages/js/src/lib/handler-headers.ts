// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { DEFAULT_API_URL } from "./apps/app-options.js";
import { envDefault } from "./env.js";

export type HandlerHeadersOptions = {
  /** Where the prebuilt pages are served (the app's `urls.handler`); defaults to `/handler`. */
  handlerUrl?: string;
  /** The Hexclave API the pages call from the browser; defaults to the same variables as the app's `baseUrl`. */
  apiUrl?: string;
};

export type HandlerPageHeaders = { "Content-Security-Policy": string; "Referrer-Policy": string };

/**
 * Whether `pathname` is one of the prebuilt pages, which carry one-time codes in their address.
 * @example isHandlerPath(new URL(request.url).pathname, app.urls.handler)
 */
export function isHandlerPath(pathname: string, handlerUrl = "/handler"): boolean {
  const handler = new URL(handlerUrl, "http://handler.invalid").pathname.replace(/\/+$/, "");
  return pathname === handler || pathname.startsWith(`${handler}/`);
}

/**
 * A fresh Content-Security-Policy nonce (128 random bits, base64); one per response, never reused.
 * @example const nonce = createCspNonce();
 */
export function createCspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The response headers of a prebuilt page. Password-reset, verification, magic-link, invitation and CLI links carry a
 * one-time code in the address: no Referer may hand it to another site, and only the framework's own scripts (carrying
 * `nonce`) may run where it can be read. Styles may be inline (the components ship theirs in a `<style>`): they cannot
 * run code. Images may come from any https site, as profile pictures do.
 * @example handlerPageHeaders({ nonce: createCspNonce(), development: process.env.NODE_ENV === "development" })
 */
export function handlerPageHeaders(options: HandlerHeadersOptions & { nonce: string; development?: boolean }): HandlerPageHeaders {
  const api = new URL(options.apiUrl ?? envDefault("apiUrl") ?? DEFAULT_API_URL).origin;
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced scripts load the page's chunks; development servers also evaluate code.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${api}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ];
  return { "Content-Security-Policy": directives.join("; "), "Referrer-Policy": "no-referrer" };
}
