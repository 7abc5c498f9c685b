import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_API_URL, resolveApiSettings, resolveAppUrl } from "./api";
import { writeCredentials } from "./credentials";

const isolated = (extra: NodeJS.ProcessEnv = {}) => ({
  HEXCLAVE_CONFIG_DIR: mkdtempSync(join(tmpdir(), "hexclave-cli-api-")),
  STACK_CLI_CONFIG_PATH: join(tmpdir(), "no-such-dir", "credentials.json"),
  ...extra,
});

describe("resolveApiSettings", () => {
  it("takes the flag, then the environment, then the saved login, then the cloud", () => {
    const env = isolated();
    expect(resolveApiSettings({}, env).apiUrl).toBe(DEFAULT_API_URL);
    writeCredentials({ refreshToken: "rt", apiUrl: "http://saved" }, env);
    expect(resolveApiSettings({}, env).apiUrl).toBe("http://saved");
    expect(resolveApiSettings({}, { ...env, HEXCLAVE_API_URL: "http://env/" }).apiUrl).toBe("http://env");
    expect(resolveApiSettings({ apiUrl: "http://flag" }, { ...env, HEXCLAVE_API_URL: "http://env" }).apiUrl).toBe("http://flag");
  });
  it("sends the internal project's publishable key only when one is set", () => {
    expect(resolveApiSettings({}, isolated()).publishableClientKey).toBeUndefined();
    expect(resolveApiSettings({}, isolated({ HEXCLAVE_PUBLISHABLE_CLIENT_KEY: "pck_x" })).publishableClientKey).toBe("pck_x");
  });
  it("points the login link at the dashboard", () => {
    expect(resolveAppUrl({}, {})).toBe("https://app.hexclave.com");
    expect(resolveAppUrl({}, { HEXCLAVE_DASHBOARD_URL: "http://localhost:8101" })).toBe("http://localhost:8101");
  });
});
