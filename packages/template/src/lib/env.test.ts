import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_API_URL, resolveAppOptions } from "./apps/app-options.js";
import { envDefault, resetEnvWarning } from "./env.js";

const SETTINGS = ["PROJECT_ID", "PUBLISHABLE_CLIENT_KEY", "API_URL", "SECRET_SERVER_KEY", "SUPER_SECRET_ADMIN_KEY"];
const ALL_NAMES = SETTINGS.flatMap((setting) =>
  ["HEXCLAVE", "STACK"].flatMap((brand) => [`NEXT_PUBLIC_${brand}_${setting}`, `VITE_${brand}_${setting}`, `${brand}_${setting}`]),
);

// Every test starts from an environment without any of the variables; vi.unstubAllEnvs restores the originals.
const setEnv = (vars: Record<string, string | undefined>) => {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
};

let warn: MockInstance<typeof console.warn>;

beforeEach(() => {
  setEnv(Object.fromEntries(ALL_NAMES.map((name) => [name, undefined])));
  resetEnvWarning();
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetEnvWarning();
});

describe("envDefault", () => {
  it("is undefined when no variable is set", () => {
    for (const key of ["projectId", "publishableClientKey", "apiUrl", "secretServerKey", "superSecretAdminKey"] as const) {
      expect(envDefault(key)).toBeUndefined();
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ["projectId", "HEXCLAVE_PROJECT_ID", "STACK_PROJECT_ID"],
    ["publishableClientKey", "HEXCLAVE_PUBLISHABLE_CLIENT_KEY", "STACK_PUBLISHABLE_CLIENT_KEY"],
    ["apiUrl", "HEXCLAVE_API_URL", "STACK_API_URL"],
    ["secretServerKey", "HEXCLAVE_SECRET_SERVER_KEY", "STACK_SECRET_SERVER_KEY"],
    ["superSecretAdminKey", "HEXCLAVE_SUPER_SECRET_ADMIN_KEY", "STACK_SUPER_SECRET_ADMIN_KEY"],
  ] as const)("prefers %s from %s over %s", (key, hexclave, stack) => {
    setEnv({ [hexclave]: "new", [stack]: "old" });
    expect(envDefault(key)).toBe("new");
  });

  it.each([
    ["projectId", "NEXT_PUBLIC_HEXCLAVE_PROJECT_ID", "NEXT_PUBLIC_STACK_PROJECT_ID"],
    ["publishableClientKey", "NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY", "NEXT_PUBLIC_STACK_PUBLISHABLE_CLIENT_KEY"],
    ["apiUrl", "NEXT_PUBLIC_HEXCLAVE_API_URL", "NEXT_PUBLIC_STACK_API_URL"],
  ] as const)("prefers %s from %s over %s", (key, hexclave, stack) => {
    setEnv({ [hexclave]: "new", [stack]: "old" });
    expect(envDefault(key)).toBe("new");
  });

  it.each([
    ["projectId", "STACK_PROJECT_ID"],
    ["publishableClientKey", "NEXT_PUBLIC_STACK_PUBLISHABLE_CLIENT_KEY"],
    ["apiUrl", "NEXT_PUBLIC_STACK_API_URL"],
    ["secretServerKey", "STACK_SECRET_SERVER_KEY"],
    ["superSecretAdminKey", "STACK_SUPER_SECRET_ADMIN_KEY"],
  ] as const)("falls back to %s from %s", (key, stack) => {
    setEnv({ [stack]: "old" });
    expect(envDefault(key)).toBe("old");
  });

  it("prefers any HEXCLAVE_ name over a NEXT_PUBLIC_STACK_ name", () => {
    setEnv({ NEXT_PUBLIC_STACK_PROJECT_ID: "old", HEXCLAVE_PROJECT_ID: "new" });
    expect(envDefault("projectId")).toBe("new");
  });

  it("prefers NEXT_PUBLIC_HEXCLAVE_ over plain HEXCLAVE_", () => {
    setEnv({ HEXCLAVE_PROJECT_ID: "plain", NEXT_PUBLIC_HEXCLAVE_PROJECT_ID: "public" });
    expect(envDefault("projectId")).toBe("public");
  });

  // VITE_ names are read from import.meta.env, which under Vitest is a fixed object not backed by process.env
  // (vi.stubEnv writes process.env only), so they cannot be set from here.

  it("treats an empty HEXCLAVE_ variable as unset", () => {
    setEnv({ NEXT_PUBLIC_HEXCLAVE_PROJECT_ID: "", HEXCLAVE_PROJECT_ID: "", STACK_PROJECT_ID: "old" });
    expect(envDefault("projectId")).toBe("old");
  });

  it("treats an empty STACK_ variable as unset", () => {
    setEnv({ STACK_PROJECT_ID: "" });
    expect(envDefault("projectId")).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it("warns exactly once across several reads when only STACK_ names are set", () => {
    setEnv({ STACK_PROJECT_ID: "p", STACK_API_URL: "http://api", STACK_SECRET_SERVER_KEY: "ssk" });
    envDefault("projectId");
    envDefault("projectId");
    envDefault("apiUrl");
    envDefault("secretServerKey");
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("names the old variable and its HEXCLAVE_ replacement in the warning", () => {
    setEnv({ NEXT_PUBLIC_STACK_PROJECT_ID: "p" });
    envDefault("projectId");
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]?.[0]);
    expect(message).toContain("NEXT_PUBLIC_STACK_PROJECT_ID");
    expect(message).toContain("NEXT_PUBLIC_HEXCLAVE_PROJECT_ID");
  });

  it.each([
    ["apiUrl", "NEXT_PUBLIC_STACK_API_URL", "NEXT_PUBLIC_HEXCLAVE_API_URL"],
    ["apiUrl", "STACK_API_URL", "HEXCLAVE_API_URL"],
    ["secretServerKey", "STACK_SECRET_SERVER_KEY", "HEXCLAVE_SECRET_SERVER_KEY"],
    ["superSecretAdminKey", "STACK_SUPER_SECRET_ADMIN_KEY", "HEXCLAVE_SUPER_SECRET_ADMIN_KEY"],
  ] as const)("names %s's old variable %s exactly as it was set", (key, old, replacement) => {
    setEnv({ [old]: "v" });
    expect(envDefault(key)).toBe("v");
    const message = String(warn.mock.calls[0]?.[0]);
    expect(message).toContain(`${old} is read`);
    expect(message).toContain(`rename it to ${replacement}.`);
  });

  it("does not warn when HEXCLAVE_ names are set", () => {
    setEnv({ HEXCLAVE_PROJECT_ID: "p", NEXT_PUBLIC_HEXCLAVE_API_URL: "http://api", STACK_PROJECT_ID: "old" });
    envDefault("projectId");
    envDefault("apiUrl");
    expect(warn).not.toHaveBeenCalled();
  });

  it("warns again after resetEnvWarning", () => {
    setEnv({ STACK_PROJECT_ID: "p" });
    envDefault("projectId");
    resetEnvWarning();
    envDefault("projectId");
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe("resolveAppOptions", () => {
  it("fills projectId, baseUrl and publishableClientKey from the environment", () => {
    setEnv({ NEXT_PUBLIC_HEXCLAVE_PROJECT_ID: "env-p", NEXT_PUBLIC_HEXCLAVE_API_URL: "http://env-api", NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY: "pck_env" });
    expect(resolveAppOptions({ tokenStore: null })).toMatchObject({ projectId: "env-p", baseUrl: "http://env-api", publishableClientKey: "pck_env" });
  });

  it("fills defaults from STACK_ names when only those are set", () => {
    setEnv({ NEXT_PUBLIC_STACK_PROJECT_ID: "old-p", NEXT_PUBLIC_STACK_API_URL: "http://old-api" });
    expect(resolveAppOptions({ tokenStore: null })).toMatchObject({ projectId: "old-p", baseUrl: "http://old-api" });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("lets explicit options win over the environment", () => {
    setEnv({ HEXCLAVE_PROJECT_ID: "env-p", HEXCLAVE_API_URL: "http://env-api", HEXCLAVE_PUBLISHABLE_CLIENT_KEY: "pck_env" });
    const options = resolveAppOptions({ tokenStore: "memory", projectId: "opt-p", baseUrl: "http://opt-api", publishableClientKey: "pck_opt" });
    expect(options).toMatchObject({ tokenStore: "memory", projectId: "opt-p", baseUrl: "http://opt-api", publishableClientKey: "pck_opt" });
  });

  it("defaults baseUrl to the Hexclave cloud API", () => {
    expect(resolveAppOptions({ tokenStore: null, projectId: "p" }).baseUrl).toBe(DEFAULT_API_URL);
    expect(DEFAULT_API_URL).toBe("https://api.hexclave.com");
  });

  it("throws a clear error naming the variable when no project id is given", () => {
    expect(() => resolveAppOptions({ tokenStore: null })).toThrowError(/No project id.*NEXT_PUBLIC_HEXCLAVE_PROJECT_ID/);
  });
});
