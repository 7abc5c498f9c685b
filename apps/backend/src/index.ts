import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openDatabase } from "./db/client";
import { startEmailWorker } from "./domain/emails/worker";
import { startWebhookWorker } from "./domain/webhooks/worker";
import { loadConfig } from "./lib/config";
import { installLastResortHandlers } from "./lib/last-resort";
import { resolveServerSecret } from "./lib/server-secret";
import { StartupError, refuseStart } from "./lib/startup-error";
import { seedDemoProject, seedInternalProject } from "./seed";
import { createServices, emailQueueDepsOf, webhookDepsOf } from "./services";

function loadStartupSettings() {
  try {
    const config = loadConfig();
    return { config, serverSecret: resolveServerSecret(config.serverSecret, config.dataDir, config.isDevelopment) };
  } catch (error) {
    // Nothing has started yet: whatever failed is a setting, so its message is all the operator needs.
    refuseStart(error);
  }
}

const { config, serverSecret } = loadStartupSettings();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, runMigrations: config.runMigrations });
try {
  await seedInternalProject(database.db, config);
  await seedDemoProject(database.db, config);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  await database.close();
  refuseStart(error);
}
const services = createServices(database.db, { ...config, serverSecret });
const app = createApp(services);
const emailWorker = startEmailWorker(emailQueueDepsOf(services));
const webhookWorker = startWebhookWorker(webhookDepsOf(services));

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

/** A listen that fails is a setting (the port, the address), said in one line like the others. */
function refuseListen(error: NodeJS.ErrnoException): never {
  if (error.code === "EADDRINUSE") {
    refuseStart(new StartupError(`port ${config.port} is already in use on ${config.host}. Stop what is using it, or set STACK_BACKEND_PORT (or HEXCLAVE_BACKEND_PORT, or PORT) to another port.`));
  }
  if (error.code === "EACCES") refuseStart(new StartupError(`not allowed to listen on port ${config.port}. Set STACK_BACKEND_PORT (or HEXCLAVE_BACKEND_PORT, or PORT) to a port above 1023.`));
  if (error.code === "EADDRNOTAVAIL") refuseStart(new StartupError(`HOST=${config.host} is not an address of this machine.`));
  refuseStart(error);
}

const server = serve({ fetch, port: config.port, hostname: config.host }, () => {
  server.off("error", refuseListen);
  const where = database.kind === "pglite" ? `PGlite (embedded) in ${config.dataDir}/pglite` : "PostgreSQL";
  const mode = config.isDevelopment ? "development mode (HEXCLAVE_DEV=1)" : "production mode";
  console.log(`Hexclave backend listening on http://${config.host}:${config.port} — ${mode} — database: ${where}`);
  if (config.nodeEnv === "development" && !config.isDevelopment) {
    console.log(`NODE_ENV=${config.nodeEnv} does not turn on development mode; HEXCLAVE_DEV=1 does.`);
  }
  if (!config.isDevelopment && database.kind === "pglite") {
    console.log("The embedded PGlite database lives on this machine's disk: other instances cannot share it. Set STACK_DATABASE_CONNECTION_STRING to run more than one.");
  }
  // Only once serving: a failed start (bad config, port taken) must still end the process.
  installLastResortHandlers();
  // In development everything calls from this machine, so there is no proxy to warn about.
  if (config.trustedProxyHops === 0 && !config.isDevelopment) {
    console.log("Client IPs are taken from the socket. Behind a reverse proxy you control, set STACK_TRUST_PROXY=true.");
  }
});

server.once("error", refuseListen);

// Finish the requests in flight, then close the database; give up after ten seconds.
function shutdown() {
  setTimeout(() => process.exit(0), 10_000).unref();
  server.close(async () => {
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([emailWorker.stop(), webhookWorker.stop()]);
    await database.close().finally(() => process.exit(0));
  });
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
