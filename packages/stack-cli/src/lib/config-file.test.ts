import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findConfigFile, loadConfigFile, renderConfigFile } from "./config-file";

const tempDir = () => mkdtempSync(join(tmpdir(), "hexclave-cli-config-"));

describe("config file", () => {
  it("prefers hexclave.config.ts over stack.config.ts", () => {
    const dir = tempDir();
    expect(findConfigFile(dir)).toBeNull();
    writeFileSync(join(dir, "stack.config.ts"), "export const config = {};");
    expect(findConfigFile(dir)).toBe(join(dir, "stack.config.ts"));
    writeFileSync(join(dir, "hexclave.config.ts"), "export const config = {};");
    expect(findConfigFile(dir)).toBe(join(dir, "hexclave.config.ts"));
  });

  it("reads back what it writes, dotted keys kept", async () => {
    const dir = tempDir();
    const config = { "auth.password.allowSignIn": true, teams: { allowClientTeamCreation: false }, "rbac.permissions.read": { scope: "team" } };
    writeFileSync(join(dir, "hexclave.config.ts"), renderConfigFile(config));
    expect(await loadConfigFile(join(dir, "hexclave.config.ts"))).toEqual(config);
  });

  it("loads TypeScript with types and computed values", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "stack.config.ts"), 'type C = Record<string, unknown>;\nconst on: boolean = 1 > 0;\nexport const config: C = { "auth.otp.allowSignIn": on };\n');
    expect(await loadConfigFile(join(dir, "stack.config.ts"))).toEqual({ "auth.otp.allowSignIn": true });
  });

  it("refuses a file without a config object", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "hexclave.config.ts"), "export const config = [1, 2];\n");
    await expect(loadConfigFile(join(dir, "hexclave.config.ts"))).rejects.toMatchObject({ name: "CliError" });
    writeFileSync(join(dir, "broken.config.ts"), "export const config = {;\n");
    await expect(loadConfigFile(join(dir, "broken.config.ts"))).rejects.toMatchObject({ name: "CliError" });
  });
});
