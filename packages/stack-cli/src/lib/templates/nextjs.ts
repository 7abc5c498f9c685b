import { join } from "node:path";
import { wireNextLayout } from "../wire/entry-files";
import { CONFIG_FILE, type Scaffold, lines } from "./types";

export function nextjs(sdk: string, appDir: string): Scaffold {
  const root = appDir === "src/app" ? "src" : "";
  return {
    envNames: {
      projectId: "NEXT_PUBLIC_HEXCLAVE_PROJECT_ID",
      publishableClientKey: "NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY",
      apiUrl: "NEXT_PUBLIC_HEXCLAVE_API_URL",
      secretServerKey: "HEXCLAVE_SECRET_SERVER_KEY",
    },
    hints: [],
    files: [
      CONFIG_FILE(),
      {
        path: join(root, "hexclave/server.ts"),
        content: lines(
          `import { HexclaveServerApp } from "${sdk}";`,
          "",
          "// For server components, route handlers and server actions; the settings come from .env.local.",
          'export const hexclaveServerApp = new HexclaveServerApp({ tokenStore: "nextjs-cookie" });',
        ),
      },
      {
        path: join(root, "hexclave/client.ts"),
        content: lines(`"use client";`, `import { HexclaveClientApp } from "${sdk}";`, "", 'export const hexclaveClientApp = new HexclaveClientApp({ tokenStore: "nextjs-cookie" });'),
      },
      {
        path: join(appDir, "layout.tsx"),
        marker: "HexclaveProvider",
        edit: wireNextLayout(sdk),
        note: `add \`import { HexclaveProvider } from "${sdk}";\` and \`import { hexclaveServerApp } from "../hexclave/server";\`, then wrap the {children} in <body>: <HexclaveProvider app={hexclaveServerApp}>{children}</HexclaveProvider>`,
        content: lines(
          `import { HexclaveProvider } from "${sdk}";`,
          'import type { ReactNode } from "react";',
          'import { hexclaveServerApp } from "../hexclave/server";',
          "",
          "// The prebuilt pages need a per-request nonce, so pages render on each request.",
          'export const dynamic = "force-dynamic";',
          "",
          "export default function RootLayout({ children }: { children: ReactNode }) {",
          "  return (",
          '    <html lang="en">',
          "      <body>",
          "        <HexclaveProvider app={hexclaveServerApp}>{children}</HexclaveProvider>",
          "      </body>",
          "    </html>",
          "  );",
          "}",
        ),
      },
      {
        path: join(appDir, "handler/[...stack]/page.tsx"),
        marker: "HexclaveHandler",
        content: lines(
          `import { HexclaveHandler } from "${sdk}";`,
          "",
          "export default function Handler(props: { params: Promise<{ stack: string[] }> }) {",
          "  return <HexclaveHandler fullPage routeProps={props} />;",
          "}",
        ),
      },
      {
        path: join(root, "proxy.ts"),
        marker: "hexclaveProxy",
        note: "add hexclaveProxy() for /handler/:path* to your proxy (it sets the prebuilt pages' security headers)",
        content: lines(
          `import { hexclaveProxy } from "${sdk}";`,
          "",
          "// The prebuilt pages under /handler get no-referrer and a nonce-based Content-Security-Policy.",
          "export const proxy = hexclaveProxy();",
          "",
          'export const config = { matcher: "/handler/:path*" };',
        ),
      },
    ],
  };
}
