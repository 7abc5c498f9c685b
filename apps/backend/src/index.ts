import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openDatabase } from "./db/client";
import { loadConfig } from "./lib/config";
import { resolveServerSecret } from "./lib/server-secret";
import { seedInternalProject } from "./seed";
import { createServices } from "./services";

const config = loadConfig();
const serverSecret = resolveServerSecret(config.serverSecret, config.dataDir, config.isDevelopment);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, runMigrations: config.runMigrations });
await seedInternalProject(database.db, config);
const app = createApp(createServices(database.db, { ...config, serverSecret }));

const server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? "0.0.0.0" }, () => {
  const where = database.kind === "pglite" ? `PGlite (embedded) in ${config.dataDir}/pglite` : "PostgreSQL";
  console.log(`Hexclave backend listening on http://localhost:${config.port} — database: ${where}`);
});

function shutdown() {
  server.close();
  database.close().finally(() => process.exit(0));
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
