// A React page that uses the provider and useUser only: no prebuilt UI should be bundled.
import { HexclaveClientApp, HexclaveProvider, useUser } from "@stackframe/react";

const app = new HexclaveClientApp({ projectId: "00000000-0000-4000-8000-000000000000", tokenStore: "cookie" });
function Name() {
  return <span>{useUser()?.displayName}</span>;
}
export const page = (
  <HexclaveProvider app={app}>
    <Name />
  </HexclaveProvider>
);
