import path from "node:path";
import type { NextConfig } from "next";

const root = path.join(import.meta.dirname, "../..");

// An admin console must never be framed by another site (clickjacking), sniffed into another type, or leak its
// addresses, which carry project and user ids, to other origins.
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const config: NextConfig = {
  // The dashboard lives in the monorepo; tracing starts at its root so the workspace SDK package is found.
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  // A browser that asks for /favicon.ico before the page's streamed icon link arrives gets that same icon, not a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // The sign-in pages get `no-referrer` from the proxy, with their own Content-Security-Policy.
      { source: "/((?!handler).*)", headers: [{ key: "Referrer-Policy", value: "same-origin" }] },
    ];
  },
};

export default config;
