import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wireNextLayout, wireTanstackRoot, wireTanstackRouter, wireViteMain } from "./entry-files";

// The entry files of each framework's own starter, as a fresh app has them.
const starter = (name: string) => readFileSync(join(import.meta.dirname, "starters", name), "utf8");

/** Every line of the starter is still there (the wrapped one indented deeper): the edit only adds. */
const keptLines = (before: string, after: string) => before.split("\n").every((line) => after.split("\n").some((row) => row.trim() === line.trim()));

describe("wireNextLayout (create-next-app's app/layout.tsx)", () => {
  const layout = starter("create-next-app.layout.tsx.txt");
  const wired = wireNextLayout("@hexclave/next")(layout)!;

  it("imports the provider and the server app after the starter's imports, in its style", () => {
    expect(wired.split("\n").slice(0, 6)).toEqual([
      'import type { Metadata } from "next";',
      'import { Geist, Geist_Mono } from "next/font/google";',
      'import "./globals.css";',
      'import { HexclaveProvider } from "@hexclave/next";',
      'import { hexclaveServerApp } from "../hexclave/server";',
      "",
    ]);
  });

  it("wraps {children} in <body> and leaves every other line as it was", () => {
    expect(wired).toContain(
      [
        "      <body",
        "        className={`${geistSans.variable} ${geistMono.variable} antialiased`}",
        "      >",
        "        <HexclaveProvider app={hexclaveServerApp}>",
        "          {children}",
        "        </HexclaveProvider>",
        "      </body>",
      ].join("\n"),
    );
    expect(keptLines(layout, wired)).toBe(true);
  });

  it("leaves a layout with no single {children} in <body> alone", () => {
    expect(wireNextLayout("@hexclave/next")(layout.replace("{children}", "<main>{children}</main>{children}"))).toBeNull();
    expect(wireNextLayout("@hexclave/next")("export default function L() { return <div>{children}</div>; }\n")).toBeNull();
  });
});

describe("wireViteMain (create-vite's react-ts src/main.tsx)", () => {
  const main = starter("create-vite-react-ts.main.tsx.txt");

  it("wraps <App /> in HexclaveRoot inside StrictMode and imports it in the file's quote style", () => {
    expect(wireViteMain(main)).toBe(
      [
        "import { StrictMode } from 'react'",
        "import { createRoot } from 'react-dom/client'",
        "import './index.css'",
        "import App from './App.tsx'",
        "import { HexclaveRoot } from './hexclave/root'",
        "",
        "createRoot(document.getElementById('root')!).render(",
        "  <StrictMode>",
        "    <HexclaveRoot>",
        "      <App />",
        "    </HexclaveRoot>",
        "  </StrictMode>,",
        ")",
        "",
      ].join("\n"),
    );
  });

  it("wraps an inline <App /> inline", () => {
    expect(wireViteMain('import App from "./App";\ncreateRoot(el).render(<App />);\n')).toBe(
      'import App from "./App";\nimport { HexclaveRoot } from "./hexclave/root";\ncreateRoot(el).render(<HexclaveRoot><App /></HexclaveRoot>);\n',
    );
  });

  it("leaves a main.tsx without one <App /> in its render call alone", () => {
    expect(wireViteMain("createRoot(el).render(<Router />)\n")).toBeNull();
    expect(wireViteMain("createRoot(a).render(<App />)\ncreateRoot(b).render(<App />)\n")).toBeNull();
    expect(wireViteMain("const x = <App />\ncreateRoot(a).render(x)\n")).toBeNull();
  });
});

describe("wireTanstackRoot (the TanStack Start starter's src/routes/__root.tsx)", () => {
  const root = starter("tanstack-start.root.tsx.txt");
  const wired = wireTanstackRoot("@hexclave/tanstack-start")(root)!;

  it("adds the session loader to the root route and the provider around the document's children", () => {
    expect(wired).toContain("import appCss from '../styles.css?url'\nimport { HexclaveProvider } from '@hexclave/tanstack-start'\nimport { getHexclaveSession } from '../hexclave/session'\n");
    expect(wired).toContain("  shellComponent: RootDocument,\n  loader: () => getHexclaveSession(),\n})");
    expect(wired).toContain(
      [
        "function RootDocument({ children }: { children: React.ReactNode }) {",
        "  const { app, user } = Route.useLoaderData()",
        "  return (",
      ].join("\n"),
    );
    expect(wired).toContain(
      ["        <Header />", "        <HexclaveProvider app={app} initialUser={user}>", "          {children}", "        </HexclaveProvider>", "        <TanStackDevtools"].join("\n"),
    );
    expect(keptLines(root, wired)).toBe(true);
  });

  it("wraps <Outlet /> of a root route with a component", () => {
    const own = [
      'export const Route = createRootRoute({ component: Root });',
      "function Root() {",
      "  return <html><body><Outlet /><Scripts /></body></html>;",
      "}",
      "",
    ].join("\n");
    expect(wireTanstackRoot("@hexclave/tanstack-start")(own)).toContain(
      "createRootRoute({ component: Root, loader: () => getHexclaveSession() });\nfunction Root() {\n  const { app, user } = Route.useLoaderData();\n  return <html><body><HexclaveProvider app={app} initialUser={user}><Outlet /></HexclaveProvider>",
    );
  });

  it("leaves a root route with a loader of its own, or no document, alone", () => {
    expect(wireTanstackRoot("x")(root.replace("  shellComponent", "  loader: () => load(),\n  shellComponent"))).toBeNull();
    expect(wireTanstackRoot("x")("export const Route = createRootRoute({ component: Root });\nconst Root = () => <Outlet />;\n")).toBeNull();
  });
});

describe("wireTanstackRouter (the TanStack Start starter's src/router.tsx)", () => {
  const router = starter("tanstack-start.router.tsx.txt");

  it("adds the CSP nonce after the router's options, with its trailing comma", () => {
    expect(wireTanstackRouter("@hexclave/tanstack-start")(router)).toBe(
      router
        .replace("import { routeTree } from './routeTree.gen'\n", "import { routeTree } from './routeTree.gen'\nimport { hexclaveCspNonce } from '@hexclave/tanstack-start'\n")
        .replace("    defaultPreloadStaleTime: 0,\n", "    defaultPreloadStaleTime: 0,\n    ssr: { nonce: hexclaveCspNonce() },\n"),
    );
  });

  it("adds it to a one-line options object", () => {
    expect(wireTanstackRouter("sdk")('import { routeTree } from "./routeTree.gen";\nconst r = createRouter({ routeTree });\n')).toBe(
      'import { routeTree } from "./routeTree.gen";\nimport { hexclaveCspNonce } from "sdk";\nconst r = createRouter({ routeTree, ssr: { nonce: hexclaveCspNonce() } });\n',
    );
  });

  it("leaves a router that sets ssr itself, or has no options object, alone", () => {
    expect(wireTanstackRouter("sdk")(router.replace("routeTree,", "routeTree, ssr: { nonce },"))).toBeNull();
    expect(wireTanstackRouter("sdk")("const r = createRouter(options);\n")).toBeNull();
  });
});
