import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Services } from "../services";
import { openDatabase } from "../db/client";
import { type BackendConfig, loadConfig } from "../lib/config";
import { seedInternalProject } from "../seed";
import { createServices } from "../services";

/** Real services on an in-memory PGlite database, migrated and seeded, for tests that call the app without a server. */
export async function createTestServices(overrides: Partial<BackendConfig> = {}): Promise<Services & { close: () => Promise<void> }> {
  const config = {
    ...loadConfig(),
    apiUrl: "http://localhost:8102",
    serverSecret: "unit-test-secret-0123456789",
    // Cheap hashing keeps unit tests fast; the e2e suite and the bench use the real settings.
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    seedInternalProject: { publishableClientKey: "pck_unit", secretServerKey: "ssk_unit", superSecretAdminKey: "sak_unit" },
    // Uploads go to a directory of this test's own (made on the first upload), never into the repository.
    fileStorage: { dir: join(tmpdir(), `hexclave-unit-files-${randomUUID()}`), s3: null },
    ...overrides,
  };
  const database = await openDatabase({ url: undefined, dataDir: "memory://", runMigrations: true });
  await seedInternalProject(database.db, config);
  const close = async () => {
    await database.close();
    rmSync(config.fileStorage.dir, { recursive: true, force: true });
  };
  return { ...createServices(database.db, config), close };
}

export const INTERNAL_SERVER_HEADERS = {
  "x-hexclave-project-id": "internal",
  "x-hexclave-access-type": "server",
  "x-hexclave-secret-server-key": "ssk_unit",
};
