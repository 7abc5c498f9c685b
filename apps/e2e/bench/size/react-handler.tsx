// A React page that serves every prebuilt page (the /handler route).
import { HexclaveClientApp, HexclaveHandler, HexclaveProvider } from "@stackframe/react";

const app = new HexclaveClientApp({ projectId: "00000000-0000-4000-8000-000000000000", tokenStore: "cookie" });
export const page = (
  <HexclaveProvider app={app}>
    <HexclaveHandler />
  </HexclaveProvider>
);
