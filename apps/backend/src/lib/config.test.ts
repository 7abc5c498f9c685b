import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "./config";
import { resolveServerSecret } from "./server-secret";
import { StartupError } from "./startup-error";

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

// The shell running the tests may be a `pnpm dev` one.
function clearModeEnv() {
  for (const name of ["HEXCLAVE_DEV", "STACK_DEV", "HOST", "PORT", "HEXCLAVE_BACKEND_PORT", "STACK_BACKEND_PORT"]) vi.stubEnv(name, undefined);
}

describe("development mode", () => {
  beforeEach(clearModeEnv);

  it("is off unless HEXCLAVE_DEV asks for it, whatever NODE_ENV says", () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(loadConfig().isDevelopment).toBe(false);
    vi.stubEnv("HEXCLAVE_DEV", "1");
    expect(loadConfig().isDevelopment).toBe(true);
  });

  it("takes the STACK_DEV twin, and 0 or false as off", () => {
    vi.stubEnv("STACK_DEV", "true");
    expect(loadConfig().isDevelopment).toBe(true);
    vi.stubEnv("HEXCLAVE_DEV", "0");
    expect(loadConfig().isDevelopment).toBe(false);
  });

  it("refuses a value that is neither on nor off", () => {
    vi.stubEnv("HEXCLAVE_DEV", "yes");
    expect(() => loadConfig()).toThrow(/HEXCLAVE_DEV/);
  });

  it("listens on loopback only in development, on every interface in production, and on HOST when set", () => {
    expect(loadConfig().host).toBe("0.0.0.0");
    vi.stubEnv("HEXCLAVE_DEV", "1");
    expect(loadConfig().host).toBe("127.0.0.1");
    vi.stubEnv("HOST", "::1");
    expect(loadConfig().host).toBe("::1");
  });

  it("generates a server secret under the data dir in development and keeps it", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "hexclave-secret-"));
    const first = resolveServerSecret(undefined, dataDir, true);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveServerSecret(undefined, dataDir, true)).toBe(first);
  });

  it("names the variable and how to generate a value when production has no server secret", () => {
    expect(() => resolveServerSecret(undefined, "/nonexistent", false)).toThrow(StartupError);
    expect(() => resolveServerSecret(undefined, "/nonexistent", false)).toThrow(/STACK_SERVER_SECRET.*openssl rand -base64 32/);
  });
});

describe("ports and seed keys", () => {
  beforeEach(clearModeEnv);

  it("takes PORT when STACK_BACKEND_PORT is unset, and the branded name over it", () => {
    vi.stubEnv("PORT", "3100");
    expect(loadConfig().port).toBe(3100);
    vi.stubEnv("HEXCLAVE_BACKEND_PORT", "3200");
    expect(loadConfig().port).toBe(3200);
  });

  it("refuses a port outside 1-65535", () => {
    vi.stubEnv("STACK_BACKEND_PORT", "70000");
    expect(() => loadConfig()).toThrow(/STACK_BACKEND_PORT/);
  });

  it("reads the demo project's seed keys under either brand", () => {
    vi.stubEnv("HEXCLAVE_SEED_DEMO_PROJECT_PUBLISHABLE_CLIENT_KEY", "pck_demo");
    vi.stubEnv("STACK_SEED_DEMO_PROJECT_SECRET_SERVER_KEY", "ssk_demo");
    expect(loadConfig().seedDemoProject).toEqual({ publishableClientKey: "pck_demo", secretServerKey: "ssk_demo", superSecretAdminKey: undefined });
  });

  it("refuses a seed key no request could ever present", () => {
    vi.stubEnv("STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY", "has spaces");
    expect(() => loadConfig()).toThrow(/STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY/);
  });
});

describe("bot challenges", () => {
  it("are off without a Turnstile secret, and on with one, against Cloudflare unless told otherwise", () => {
    expect(loadConfig().botChallenge).toBeNull();
    vi.stubEnv("HEXCLAVE_TURNSTILE_SECRET_KEY", "secret");
    expect(loadConfig().botChallenge).toEqual({
      secretKey: "secret",
      siteverifyUrl: "https://challenges.cloudflare.com/turnstile/v0/siteverify",
      timeoutMs: 10_000,
    });
    vi.stubEnv("STACK_TURNSTILE_SITEVERIFY_URL", "http://127.0.0.1:9999/siteverify");
    expect(loadConfig().botChallenge?.siteverifyUrl).toBe("http://127.0.0.1:9999/siteverify");
  });

  it("can be turned off with the secret still set", () => {
    vi.stubEnv("STACK_TURNSTILE_SECRET_KEY", "secret");
    vi.stubEnv("STACK_DISABLE_BOT_CHALLENGE", "true");
    expect(loadConfig().botChallenge).toBeNull();
  });

  it("refuses a siteverify URL that is not http(s)", () => {
    vi.stubEnv("STACK_TURNSTILE_SECRET_KEY", "secret");
    vi.stubEnv("STACK_TURNSTILE_SITEVERIFY_URL", "file:///etc/passwd");
    expect(() => loadConfig()).toThrow(StartupError);
  });
});

describe("webhook DNS servers", () => {
  it("are unset by default, and read as a list under either brand", () => {
    expect(loadConfig().webhooks.dnsServers).toBeUndefined();
    vi.stubEnv("HEXCLAVE_WEBHOOK_DNS_SERVERS", "10.0.0.2, 10.0.0.3:5353,[fd00::53]:53,fd00::54");
    expect(loadConfig().webhooks.dnsServers).toEqual(["10.0.0.2", "10.0.0.3:5353", "[fd00::53]:53", "fd00::54"]);
  });

  for (const value of ["dns.example.com", "10.0.0.2:0", "10.0.0.2:70000", "10.0.0.2,", "fd00::53:53:x", "[10.0.0.2]:53"]) {
    it(`refuses ${JSON.stringify(value)}`, () => {
      vi.stubEnv("STACK_WEBHOOK_DNS_SERVERS", value);
      expect(() => loadConfig()).toThrow(StartupError);
    });
  }
});
