// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { NextRequest, NextResponse } from "next/server";
import { type HandlerHeadersOptions, createCspNonce, handlerPageHeaders, isHandlerPath } from "../lib/handler-headers.js";

/**
 * A Next.js proxy (middleware before Next.js 16) that sends the prebuilt pages' security headers: no Referer, and a
 * Content-Security-Policy with a fresh nonce, which Next.js also reads from the request to mark its own scripts. Other
 * addresses pass through untouched. The pages must render per request (the example's layout is `force-dynamic`).
 * @example
 * // proxy.ts
 * import { hexclaveProxy } from "@stackframe/stack";
 * export const proxy = hexclaveProxy();
 * export const config = { matcher: "/handler/:path*" };
 */
export function hexclaveProxy(options: HandlerHeadersOptions = {}): (request: NextRequest) => Promise<NextResponse> {
  return async (request) => {
    // Imported when used, so client bundles that import this package never pull in next/server.
    const { NextResponse } = await import("next/server");
    if (!isHandlerPath(request.nextUrl.pathname, options.handlerUrl)) return NextResponse.next();
    const nonce = createCspNonce();
    const headers = handlerPageHeaders({ ...options, nonce, development: process.env.NODE_ENV === "development" });
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
    requestHeaders.set("x-nonce", nonce);
    const response = NextResponse.next({ request: { headers: requestHeaders } });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
}
