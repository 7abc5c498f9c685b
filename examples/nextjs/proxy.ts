import { hexclaveProxy } from "@stackframe/stack";

// The prebuilt pages carry one-time codes in their address: they get no-referrer and a nonce-based
// Content-Security-Policy. Next.js renders them per request (see `dynamic` in app/layout.tsx), as a nonce needs.
export const proxy = hexclaveProxy();

export const config = { matcher: "/handler/:path*" };
