import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Services } from "./services";
import { createApp } from "./app";

/**
 * Writes the OpenAPI document to the file named on the command line, for tools that generate clients from it.
 * No database or secret is needed: building the routes and the document reads only the API URL.
 */
async function writeOpenApiDocument(file: string): Promise<void> {
  const app = createApp({ config: { apiUrl: "http://localhost:8102" } } as Services);
  const document = await (await app.request("/api/v1/openapi.json")).text();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, document);
}

const target = process.argv[2];
if (!target) {
  console.error("Usage: tsx src/write-openapi-document.ts <output.json>");
  process.exit(1);
}
await writeOpenApiDocument(resolve(target));
