import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openDatabase } from "./db/client";
import { startEmailWorker } from "./domain/emails/worker";
import { loadConfig } from "./lib/config";
import { installLastResortHandlers } from "./lib/last-resort";
import { resolveServerSecret } from "./lib/server-secret";
import { seedInternalProject } from "./seed";
import { createServices } from "./services";

const config = loadConfig();
const serverSecret = resolveServerSecret(config.serverSecret, config.dataDir, config.isDevelopment);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, runMigrations: config.runMigrations });
await seedInternalProject(database.db, config);
const services = createServices(database.db, { ...config, serverSecret });
const app = createApp(services);
const emailWorker = startEmailWorker(services);

// Counted so shutdown can wait for handlers whose client already hung up: their sockets are gone, their work is not.
let inFlight = 0;
const fetch: typeof app.fetch = async (request, env, context) => {
  inFlight++;
  try {
    return await app.fetch(request, env, context);
  } finally {
    inFlight--;
  }
};

const server = serve({ fetch, port: config.port, hostname: process.env.HOST ?? "0.0.0.0" }, () => {
  const where = database.kind === "pglite" ? `PGlite (embedded) in ${config.dataDir}/pglite` : "PostgreSQL";
  console.log(`Hexclave backend listening on http://localhost:${config.port} — database: ${where}`);
  // Only once serving: a failed start (bad config, port taken) must still end the process.
  installLastResortHandlers();
  if (config.trustedProxyHops === 0) {
    console.log("Client IPs are taken from the socket. Behind a reverse proxy you control, set STACK_TRUST_PROXY=true.");
  }
});

// Finish the requests in flight, then close the database; give up after ten seconds.
function shutdown() {
  setTimeout(() => process.exit(0), 10_000).unref();
  server.close(async () => {
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await emailWorker.stop();
    await database.close().finally(() => process.exit(0));
  });
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
