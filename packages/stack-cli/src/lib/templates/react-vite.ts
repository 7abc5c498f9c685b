import { wireViteMain } from "../wire/entry-files";
import { CONFIG_FILE, type Scaffold, lines } from "./types";

export function reactVite(sdk: string): Scaffold {
  return {
    envNames: { projectId: "VITE_HEXCLAVE_PROJECT_ID", publishableClientKey: "VITE_HEXCLAVE_PUBLISHABLE_CLIENT_KEY", apiUrl: "VITE_HEXCLAVE_API_URL" },
    hints: ["A browser-only app gets no secret server key: keep that on a server."],
    files: [
      CONFIG_FILE(),
      {
        path: "src/hexclave/client.ts",
        content: lines(`import { HexclaveClientApp } from "${sdk}";`, "", 'export const hexclaveClientApp = new HexclaveClientApp({ tokenStore: "cookie" });'),
      },
      {
        path: "src/hexclave/root.tsx",
        content: lines(
          `import { HexclaveHandler, HexclaveProvider } from "${sdk}";`,
          'import type { ReactNode } from "react";',
          'import { hexclaveClientApp } from "./client";',
          "",
          "/** The provider, and the prebuilt pages (sign-in, sign-up, …) on every address below /handler. */",
          "export function HexclaveRoot({ children }: { children: ReactNode }) {",
          '  const onHandler = window.location.pathname.startsWith("/handler/");',
          "  return <HexclaveProvider app={hexclaveClientApp}>{onHandler ? <HexclaveHandler fullPage /> : children}</HexclaveProvider>;",
          "}",
        ),
      },
      {
        path: "src/main.tsx",
        marker: "HexclaveRoot",
        edit: wireViteMain,
        note: "add `import { HexclaveRoot } from \"./hexclave/root\";`, then wrap the <App /> you render: <HexclaveRoot><App /></HexclaveRoot>",
        content: lines(
          'import { StrictMode } from "react";',
          'import { createRoot } from "react-dom/client";',
          'import App from "./App";',
          'import { HexclaveRoot } from "./hexclave/root";',
          "",
          'createRoot(document.getElementById("root") as HTMLElement).render(',
          "  <StrictMode>",
          "    <HexclaveRoot>",
          "      <App />",
          "    </HexclaveRoot>",
          "  </StrictMode>,",
          ");",
        ),
      },
    ],
  };
}
