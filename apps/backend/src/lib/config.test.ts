import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "./config";
import { resolveServerSecret } from "./server-secret";

afterEach(() => {
  vi.unstubAllEnvs();
});

// JW-13: a signing or issuer setting the server cannot use stops it at start, before it serves anything.
describe("signing and issuer configuration", () => {
  it("uses generation 0, nothing revoked and no idle timeout by default", () => {
    const config = loadConfig();
    expect(config.signingKeys).toEqual({ generation: 0, revokedBefore: 0 });
    expect(config.refreshTokenIdleTimeoutSeconds).toBeNull();
    expect(config.accessTokenLifetimeSeconds).toBe(600);
  });

  it("reads the rotation and the idle timeout, under either brand", () => {
    vi.stubEnv("HEXCLAVE_SIGNING_KEY_GENERATION", "3");
    vi.stubEnv("STACK_SIGNING_KEY_REVOKED_BEFORE", "3");
    vi.stubEnv("STACK_REFRESH_TOKEN_IDLE_TIMEOUT", "7d");
    const config = loadConfig();
    expect(config.signingKeys).toEqual({ generation: 3, revokedBefore: 3 });
    expect(config.refreshTokenIdleTimeoutSeconds).toBe(7 * 86400);
  });

  for (const [name, value] of [
    ["STACK_SIGNING_KEY_GENERATION", "next"],
    ["STACK_SIGNING_KEY_GENERATION", "-1"],
    ["STACK_SIGNING_KEY_REVOKED_BEFORE", "1"],
    ["NEXT_PUBLIC_STACK_API_URL", "api.example.com"],
    ["NEXT_PUBLIC_STACK_API_URL", "ftp://api.example.com"],
    ["NEXT_PUBLIC_STACK_API_URL", "https://api.example.com?x=1"],
    ["NEXT_PUBLIC_STACK_API_URL", "https://user:pass@api.example.com"],
    ["NEXT_PUBLIC_STACK_API_URL", "https://api.example.com /x"],
    ["STACK_ACCESS_TOKEN_EXPIRATION_TIME", "0"],
    ["STACK_ACCESS_TOKEN_EXPIRATION_TIME", "ten minutes"],
    ["STACK_REFRESH_TOKEN_IDLE_TIMEOUT", "0s"],
  ] as const) {
    it(`refuses ${name}=${JSON.stringify(value)}`, () => {
      vi.stubEnv(name, value);
      expect(() => loadConfig()).toThrow();
    });
  }

  it("accepts an API URL under a path, without its trailing slash", () => {
    vi.stubEnv("NEXT_PUBLIC_STACK_API_URL", "https://example.com/auth/");
    expect(loadConfig().apiUrl).toBe("https://example.com/auth");
  });

  it("refuses a missing server secret in production and a short one anywhere", () => {
    expect(() => resolveServerSecret(undefined, "/nonexistent", false)).toThrow();
    expect(() => resolveServerSecret("short", "/nonexistent", true)).toThrow();
    expect(resolveServerSecret("a-long-enough-server-secret", "/nonexistent", false)).toBe("a-long-enough-server-secret");
  });
});
