import { loadHexclaveSession } from "@stackframe/tanstack-start";
import { createServerFn } from "@tanstack/react-start";

/** The app's public options and the signed-in user, read from the request's cookies on the server. */
export const getHexclaveSession = createServerFn({ method: "GET" }).handler(async () => {
  const { hexclaveServerApp } = await import("./hexclave");
  return await loadHexclaveSession(hexclaveServerApp);
});
