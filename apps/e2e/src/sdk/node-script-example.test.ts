import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createTestProject, testEnv } from "../harness/rest";

const EXAMPLE_DIR = fileURLToPath(new URL("../../../../examples/node-script", import.meta.url));

it("the plain Node.js example runs against the backend", async () => {
  const project = await createTestProject("Node script example");
  const run = spawnSync(process.execPath, ["index.mjs"], {
    cwd: EXAMPLE_DIR,
    encoding: "utf8",
    env: {
      ...process.env,
      HEXCLAVE_API_URL: testEnv().backendUrl,
      HEXCLAVE_PROJECT_ID: project.projectId,
      HEXCLAVE_PUBLISHABLE_CLIENT_KEY: project.publishableClientKey,
      HEXCLAVE_SECRET_SERVER_KEY: project.secretServerKey,
    },
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/Signed up script-\d+@example\.com/);
  expect(run.stdout).toContain('Display name is now "Script User"');
  expect(run.stdout).toContain("Signed in again: ok");
  expect(run.stdout).toMatch(/getUser now returns null/);
});
