import { hexclaveProxy } from "@stackframe/stack";

// The prebuilt sign-in pages carry one-time codes in their address: they get no-referrer and a nonce-based
// Content-Security-Policy, which needs the per-request rendering the root layout asks for.
export const proxy = hexclaveProxy();

export const config = { matcher: "/handler/:path*" };
