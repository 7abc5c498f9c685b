import { createServerFn } from "@tanstack/react-start";

/** What the browser needs to start: the app's public options and the signed-in user, read from cookies on the server. */
export const getHexclaveSession = createServerFn({ method: "GET" }).handler(async () => {
  const { hexclaveServerApp } = await import("./hexclave");
  const user = await hexclaveServerApp.getUser();
  return { app: hexclaveServerApp.toClientJson(), user: user ? user.toClientJson() : null };
});
