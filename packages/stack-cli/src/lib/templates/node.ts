import { CONFIG_FILE, type Scaffold, lines } from "./types";

export function node(sdk: string): Scaffold {
  return {
    envNames: { projectId: "HEXCLAVE_PROJECT_ID", publishableClientKey: "HEXCLAVE_PUBLISHABLE_CLIENT_KEY", apiUrl: "HEXCLAVE_API_URL", secretServerKey: "HEXCLAVE_SECRET_SERVER_KEY" },
    hints: ["Node.js does not read .env.local by itself: run with `node --env-file=.env.local …`."],
    files: [
      CONFIG_FILE(),
      {
        path: "hexclave.mjs",
        content: lines(
          `import { HexclaveClientApp, HexclaveServerApp } from "${sdk}";`,
          "",
          "// Settings come from the environment: HEXCLAVE_PROJECT_ID, HEXCLAVE_PUBLISHABLE_CLIENT_KEY, HEXCLAVE_SECRET_SERVER_KEY, HEXCLAVE_API_URL.",
          "// The server app sees every user of the project; pass a request as tokenStore to act as its user.",
          "export const hexclaveServerApp = new HexclaveServerApp({ tokenStore: null });",
          "",
          "// A client keeps one user's session in memory, the way a script or a test acts as that user.",
          'export const hexclaveClientApp = new HexclaveClientApp({ tokenStore: "memory" });',
        ),
      },
    ],
  };
}
