import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { credentialsPath, deleteCredentials, readCredentials, writeCredentials } from "./credentials";

let env: NodeJS.ProcessEnv;
let legacyPath: string;
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), "hexclave-cli-creds-"));
  legacyPath = join(dir, "stack-auth", "credentials.json");
  env = { HEXCLAVE_CONFIG_DIR: join(dir, "hexclave"), STACK_CLI_CONFIG_PATH: legacyPath };
});

describe("credentials", () => {
  it("finds the config dir from HEXCLAVE_CONFIG_DIR, then XDG_CONFIG_HOME", () => {
    expect(credentialsPath({ HEXCLAVE_CONFIG_DIR: "/x" })).toBe("/x/credentials.json");
    expect(credentialsPath({ XDG_CONFIG_HOME: "/xdg" })).toBe("/xdg/hexclave/credentials.json");
  });

  it("writes the file readable by its owner only and reads it back", () => {
    const path = writeCredentials({ refreshToken: "rt", apiUrl: "http://api" }, env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readCredentials(env)).toEqual({ refreshToken: "rt", apiUrl: "http://api" });
  });

  it("tightens the mode of a file that existed with a looser one", () => {
    const path = credentialsPath(env);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "{}", { mode: 0o644 });
    writeCredentials({ refreshToken: "rt" }, env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("returns null for a missing or malformed file", () => {
    expect(readCredentials(env)).toBeNull();
    mkdirSync(join(credentialsPath(env), ".."), { recursive: true });
    writeFileSync(credentialsPath(env), "not json");
    expect(readCredentials(env)).toBeNull();
  });

  it("migrates a Stack Auth CLI login into its own file", () => {
    mkdirSync(join(legacyPath, ".."), { recursive: true });
    writeFileSync(legacyPath, JSON.stringify({ STACK_CLI_REFRESH_TOKEN: "old", STACK_API_URL: "http://old-api" }));
    expect(readCredentials(env)).toEqual({ refreshToken: "old", apiUrl: "http://old-api", migratedFrom: legacyPath });
    expect(JSON.parse(readFileSync(credentialsPath(env), "utf8"))).toEqual({ refresh_token: "old", api_url: "http://old-api" });
    expect(statSync(credentialsPath(env)).mode & 0o777).toBe(0o600);
  });

  it("forgets both logins on delete so the old one is not migrated back", () => {
    mkdirSync(join(legacyPath, ".."), { recursive: true });
    writeFileSync(legacyPath, JSON.stringify({ STACK_CLI_REFRESH_TOKEN: "old", STACK_API_URL: "http://old-api" }));
    writeCredentials({ refreshToken: "rt" }, env);
    expect(deleteCredentials(env)).toBe(true);
    expect(existsSync(credentialsPath(env))).toBe(false);
    expect(readCredentials(env)).toBeNull();
    expect(JSON.parse(readFileSync(legacyPath, "utf8"))).toEqual({ STACK_API_URL: "http://old-api" });
    expect(deleteCredentials(env)).toBe(false);
  });
});
