// A React page that shows the prebuilt sign-in form.
import { HexclaveClientApp, HexclaveProvider, SignIn } from "@stackframe/react";

const app = new HexclaveClientApp({ projectId: "00000000-0000-4000-8000-000000000000", tokenStore: "cookie" });
export const page = (
  <HexclaveProvider app={app}>
    <SignIn />
  </HexclaveProvider>
);
