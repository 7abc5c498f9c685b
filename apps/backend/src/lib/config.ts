import { createPublicKey } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { readEnv } from "@stackframe/stack-shared";
import { type FileStorageSettings, loadFileStorageSettings } from "./file-storage/settings";
import { type KeyRotation, validateKeyRotation } from "./jwt-keys";
import { type OAuthSettings, loadOAuthSettings } from "./oauth-settings";
import { StartupError } from "./startup-error";
import { CLOUDFLARE_SITEVERIFY_URL, SITEVERIFY_TIMEOUT_MS, type TurnstileSettings } from "./turnstile";

export type SmtpSettings = {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  senderEmail: string;
  senderName: string;
};

/** The deployment's shared server; mail through it carries each project's own name as the sender's. */
export type SharedSmtpServer = Omit<SmtpSettings, "senderName">;

export type SeedKeys = {
  publishableClientKey: string | undefined;
  secretServerKey: string | undefined;
  superSecretAdminKey: string | undefined;
};

export type BackendConfig = {
  port: number;
  /** The address to listen on: every interface in production (containers), loopback only in development. */
  host: string;
  /** NODE_ENV as set, only to say that it no longer picks the mode. */
  nodeEnv: string | undefined;
  apiUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Uploaded files (profile images): a directory, by default under the data dir, or an S3-compatible bucket. */
  fileStorage: FileStorageSettings;
  serverSecret: string | undefined;
  runMigrations: boolean;
  accessTokenLifetimeSeconds: number;
  signingKeys: KeyRotation;
  /** A refresh token unused for this long stops working; null: only its absolute expiry ends it. */
  refreshTokenIdleTimeoutSeconds: number | null;
  passwordHashing: { memoryCost: number; timeCost: number; parallelism: number };
  seedInternalProject: SeedKeys;
  /** An operator account of the `internal` project, made at start when missing; both or neither are set. */
  seedInternalProjectUser: { email: string | undefined; password: string | undefined };
  /** Keys of the `demo` project, which exists only when at least one is set (`pnpm dev` sets them). */
  seedDemoProject: SeedKeys;
  /** Development mode (HEXCLAVE_DEV=1): a generated server secret and no required admin key; see docs/configuration.md. */
  isDevelopment: boolean;
  email: {
    /** The server used by projects on the shared email config; null when none is configured. */
    shared: SharedSmtpServer | null;
    /** How often each instance runs the outbox step; 0 leaves it to the cron endpoint alone. */
    workerIntervalMs: number;
    /** How long a worker may hold a claimed email before another worker takes it over. */
    claimLeaseSeconds: number;
    /** Emails anyone can trigger, per address and per client IP in each window. */
    rateLimits: { perAddress: { limit: number; windowSeconds: number }; perClientAndAddress: { limit: number; windowSeconds: number } };
  };
  webhooks: WebhookSettings;
  /** Take the client IP from X-Forwarded-For (behind a proxy you control) instead of the socket. */
  /** How many proxies in front of this server append to X-Forwarded-For; 0 when none is trusted. */
  trustedProxyHops: number;
  /** Bearer secret of the cron endpoints; they answer 401 while it is unset. */
  cronSecret: string | undefined;
  /** Keys that sign leak reports (GitHub secret-scanning style); when any is set, unsigned reports are refused. */
  credentialScanningPublicKeys: { keyIdentifier: string; key: string }[];
  /** Turnstile verification of sign-up bot challenges; null (no secret, or turned off) ignores the challenge fields. */
  botChallenge: TurnstileSettings | null;
  oauth: OAuthSettings;
  /**
   * Tests only, development mode only: every passkey challenge is the fixed bytes "MOCK", so WebAuthn responses recorded
   * once (as Stack Auth's own e2e suite has them) can be replayed. Never on by default.
   */
  passkeyTestChallenge: boolean;
  /** Tests only: each route's answers are checked against the OpenAPI document, and a mismatch becomes a 500. */
  responseChecks: { enabled: boolean; recordFile: string | undefined };
};

export type WebhookSettings = {
  /** How often each instance delivers due webhooks; 0 turns its worker off. */
  workerIntervalMs: number;
  /** How long a worker may hold a claimed delivery before another takes it over; above the 15 s delivery timeout. */
  claimLeaseSeconds: number;
  /** Deliveries may go to loopback, private and link-local addresses (tests, or receivers on the operator's own network). */
  allowPrivateNetworks: boolean;
  /** The wait before each retry, before jitter; a delivery fails after the last one. */
  retryScheduleSeconds: number[];
  /** Hand events to Svix instead of delivering them; null delivers from this server. */
  svix: { apiKey: string; serverUrl: string | undefined } | null;
  /** The DNS servers deliveries resolve names through (`host` or `host:port`, IPv6 in brackets with a port); unset: the system's resolver. */
  dnsServers?: string[];
};

// About a day and a half in all before a delivery fails; each wait is drawn at random below its step (full jitter).
const DEFAULT_WEBHOOK_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 50400, 50400];

function webhookSettings(): WebhookSettings {
  const rawSchedule = readEnv("STACK_WEBHOOK_RETRY_SCHEDULE_SECONDS");
  const schedule = rawSchedule === undefined ? DEFAULT_WEBHOOK_RETRY_SCHEDULE : rawSchedule.split(",").map((step) => Number(step.trim()));
  if (schedule.length === 0 || schedule.some((step) => !Number.isFinite(step) || step <= 0)) {
    throw new StartupError(`STACK_WEBHOOK_RETRY_SCHEDULE_SECONDS must be a comma-separated list of positive numbers of seconds, got "${rawSchedule}".`);
  }
  const allowPrivate = readEnv("STACK_WEBHOOK_ALLOW_PRIVATE_NETWORKS") ?? "false";
  if (!["true", "false"].includes(allowPrivate)) throw new StartupError(`STACK_WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false, got "${allowPrivate}".`);
  const svixApiKey = readEnv("STACK_SVIX_API_KEY");
  const svixServerUrl = readEnv("STACK_SVIX_SERVER_URL");
  if (svixServerUrl !== undefined && (!URL.canParse(svixServerUrl) || !["http:", "https:"].includes(new URL(svixServerUrl).protocol))) {
    throw new StartupError(`STACK_SVIX_SERVER_URL must be an http(s) URL, got "${svixServerUrl}".`);
  }
  return {
    workerIntervalMs: intEnv("STACK_WEBHOOK_WORKER_INTERVAL_MS", 250, { allowZero: true }),
    claimLeaseSeconds: intEnv("STACK_WEBHOOK_CLAIM_LEASE_SECONDS", 60),
    allowPrivateNetworks: allowPrivate === "true",
    retryScheduleSeconds: schedule,
    svix: svixApiKey ? { apiKey: svixApiKey, serverUrl: svixServerUrl } : null,
    dnsServers: webhookDnsServersEnv(),
  };
}

/** One DNS server as the resolver takes it: an IP address, with an optional port (IPv6 then in brackets). */
function isDnsServerAddress(entry: string): boolean {
  if (isIPv6(entry)) return true;
  const match = /^(?:\[(.+)\]|([\d.]+))(?::(\d{1,5}))?$/.exec(entry);
  if (!match) return false;
  const port = match[3] === undefined ? 53 : Number(match[3]);
  return (match[1] !== undefined ? isIPv6(match[1]) : isIPv4(match[2]!)) && port >= 1 && port <= 65535;
}

function webhookDnsServersEnv(): string[] | undefined {
  const raw = readEnv("STACK_WEBHOOK_DNS_SERVERS");
  if (raw === undefined) return undefined;
  const servers = raw.split(",").map((entry) => entry.trim());
  if (!servers.every(isDnsServerAddress)) {
    throw new StartupError(`STACK_WEBHOOK_DNS_SERVERS must be a comma-separated list of IP addresses, each with an optional port (10.0.0.2, 10.0.0.2:5353, [fd00::53]:53), got "${raw}".`);
  }
  return servers;
}

/** Parses "600", "600s", "10m", "1h" or "1d" into seconds. */
export function parseDurationSeconds(value: string): number {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
  if (!match) throw new Error(`Invalid duration "${value}": use a number of seconds or e.g. 10m, 1h.`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? "s") as "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

function intEnv(name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = readEnv(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || (value === 0 && !allowZero)) throw new StartupError(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

function portEnv(name: string, fallback: number): number {
  const port = intEnv(name, fallback);
  if (port > 65535) throw new StartupError(`${name} must be a TCP port between 1 and 65535, got "${port}".`);
  return port;
}

/** HEXCLAVE_DEV / STACK_DEV: "1" or "true" turns development mode on; unset, "0" or "false" leaves production mode. */
function developmentModeEnv(): boolean {
  const raw = readEnv("STACK_DEV");
  if (raw === undefined || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new StartupError(`HEXCLAVE_DEV (or STACK_DEV) must be 1 or 0, got "${raw}".`);
}

function passkeyTestChallengeEnv(isDevelopment: boolean): boolean {
  const raw = readEnv("STACK_ENABLE_HARDCODED_PASSKEY_CHALLENGE_FOR_TESTING");
  if (raw === undefined || raw === "" || raw === "false" || raw === "0") return false;
  if (!isDevelopment) {
    throw new StartupError(
      "STACK_ENABLE_HARDCODED_PASSKEY_CHALLENGE_FOR_TESTING makes passkey responses replayable; it is refused outside development mode (HEXCLAVE_DEV=1).",
    );
  }
  return true;
}

// What the backend accepts as a project key at all; a seed key outside it would be stored and never match.
const SEED_KEY_SHAPE = /^[a-zA-Z0-9_-]{1,256}$/;

function seedKeyEnv(name: string): string | undefined {
  const key = readEnv(name);
  if (key !== undefined && !SEED_KEY_SHAPE.test(key)) {
    throw new StartupError(`${name} must be 1 to 256 letters, digits, "_" or "-"; generate one with: openssl rand -hex 32`);
  }
  return key;
}

function durationEnv(name: string): number | null {
  const raw = readEnv(name);
  if (raw === undefined) return null;
  let seconds: number;
  try {
    seconds = parseDurationSeconds(raw);
  } catch (error) {
    throw new StartupError(`${name}: ${(error as Error).message}`);
  }
  if (seconds === 0) throw new StartupError(`${name} must be longer than 0 seconds, got "${raw}".`);
  return seconds;
}

/** The public API URL, from which every access token's issuer is built: an absolute http(s) URL and nothing more. */
function apiUrlEnv(port: number): string {
  const raw = readEnv("NEXT_PUBLIC_STACK_API_URL") ?? `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StartupError(`NEXT_PUBLIC_STACK_API_URL must be an absolute URL such as https://api.example.com, got "${raw}".`);
  }
  if (/\s/.test(raw) || !["http:", "https:"].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new StartupError(`NEXT_PUBLIC_STACK_API_URL must be an http(s) URL without credentials, query or fragment, got "${raw}".`);
  }
  return raw.replace(/\/+$/, "");
}

function signingKeysEnv(): KeyRotation {
  const rotation = {
    generation: intEnv("STACK_SIGNING_KEY_GENERATION", 0, { allowZero: true }),
    revokedBefore: intEnv("STACK_SIGNING_KEY_REVOKED_BEFORE", 0, { allowZero: true }),
  };
  validateKeyRotation(rotation);
  return rotation;
}

function sharedSmtpSettings(): SharedSmtpServer | null {
  const host = readEnv("STACK_EMAIL_HOST");
  if (host === undefined) return null;
  const port = intEnv("STACK_EMAIL_PORT", 587);
  return {
    host,
    port,
    username: readEnv("STACK_EMAIL_USERNAME"),
    password: readEnv("STACK_EMAIL_PASSWORD"),
    secure: (readEnv("STACK_EMAIL_SECURE") ?? String(port === 465)) === "true",
    senderEmail: readEnv("STACK_EMAIL_SENDER") ?? "noreply@example.com",
  };
}

/** STACK_CREDENTIAL_SCANNING_PUBLIC_KEYS: a JSON array of `{key_identifier, key}`, each key an ECDSA P-256 public key in PEM. */
function credentialScanningPublicKeys(): { keyIdentifier: string; key: string }[] {
  const raw = readEnv("STACK_CREDENTIAL_SCANNING_PUBLIC_KEYS");
  if (raw === undefined) return [];
  const invalid = (why: string) => new StartupError(`STACK_CREDENTIAL_SCANNING_PUBLIC_KEYS ${why}; expected a JSON array of {"key_identifier": "...", "key": "-----BEGIN PUBLIC KEY-----..."}.`);
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    throw invalid("is not valid JSON");
  }
  if (!Array.isArray(entries)) throw invalid("is not an array");
  return entries.map((entry: { key_identifier?: unknown; key?: unknown }) => {
    if (typeof entry?.key_identifier !== "string" || typeof entry.key !== "string") throw invalid("has an entry without a string key_identifier and key");
    let details: { namedCurve?: string } | undefined;
    try {
      details = createPublicKey(entry.key).asymmetricKeyDetails;
    } catch {
      throw invalid(`has a key "${entry.key_identifier}" that is not a PEM public key`);
    }
    if (details?.namedCurve !== "prime256v1") throw invalid(`has a key "${entry.key_identifier}" that is not an ECDSA P-256 key`);
    return { keyIdentifier: entry.key_identifier, key: entry.key };
  });
}

/** STACK_TURNSTILE_SECRET_KEY turns bot challenges on; the siteverify URL can point elsewhere (a test server, a proxy). */
function botChallengeSettings(): TurnstileSettings | null {
  const secretKey = readEnv("STACK_TURNSTILE_SECRET_KEY");
  if (secretKey === undefined || ["true", "1"].includes(readEnv("STACK_DISABLE_BOT_CHALLENGE") ?? "")) return null;
  const siteverifyUrl = readEnv("STACK_TURNSTILE_SITEVERIFY_URL") ?? CLOUDFLARE_SITEVERIFY_URL;
  if (!URL.canParse(siteverifyUrl) || !["http:", "https:"].includes(new URL(siteverifyUrl).protocol)) {
    throw new StartupError(`STACK_TURNSTILE_SITEVERIFY_URL must be an http(s) URL, got "${siteverifyUrl}".`);
  }
  return { secretKey, siteverifyUrl, timeoutMs: SITEVERIFY_TIMEOUT_MS };
}

export function loadConfig(): BackendConfig {
  const port = portEnv("STACK_BACKEND_PORT", portEnv("PORT", 8102));
  const isDevelopment = developmentModeEnv();
  const dataDir = readEnv("STACK_DATA_DIR") ?? ".hexclave";
  return {
    port,
    host: readEnv("HOST") ?? (isDevelopment ? "127.0.0.1" : "0.0.0.0"),
    nodeEnv: readEnv("NODE_ENV"),
    apiUrl: apiUrlEnv(port),
    databaseUrl: readEnv("STACK_DATABASE_CONNECTION_STRING"),
    dataDir,
    fileStorage: loadFileStorageSettings(dataDir),
    serverSecret: readEnv("STACK_SERVER_SECRET"),
    runMigrations: readEnv("STACK_RUN_MIGRATIONS") !== "false",
    accessTokenLifetimeSeconds: durationEnv("STACK_ACCESS_TOKEN_EXPIRATION_TIME") ?? 600,
    signingKeys: signingKeysEnv(),
    refreshTokenIdleTimeoutSeconds: durationEnv("STACK_REFRESH_TOKEN_IDLE_TIMEOUT"),
    // OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
    passwordHashing: {
      memoryCost: intEnv("STACK_PASSWORD_HASH_MEMORY_KIB", 19456),
      timeCost: intEnv("STACK_PASSWORD_HASH_ITERATIONS", 2),
      parallelism: 1,
    },
    seedInternalProject: {
      publishableClientKey: seedKeyEnv("STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY"),
      secretServerKey: seedKeyEnv("STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY"),
      superSecretAdminKey: seedKeyEnv("STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY"),
    },
    seedInternalProjectUser: {
      email: readEnv("STACK_SEED_INTERNAL_PROJECT_USER_EMAIL"),
      password: readEnv("STACK_SEED_INTERNAL_PROJECT_USER_PASSWORD"),
    },
    seedDemoProject: {
      publishableClientKey: seedKeyEnv("STACK_SEED_DEMO_PROJECT_PUBLISHABLE_CLIENT_KEY"),
      secretServerKey: seedKeyEnv("STACK_SEED_DEMO_PROJECT_SECRET_SERVER_KEY"),
      superSecretAdminKey: seedKeyEnv("STACK_SEED_DEMO_PROJECT_SUPER_SECRET_ADMIN_KEY"),
    },
    isDevelopment,
    email: {
      shared: sharedSmtpSettings(),
      workerIntervalMs: intEnv("STACK_EMAIL_WORKER_INTERVAL_MS", 1000, { allowZero: true }),
      claimLeaseSeconds: intEnv("STACK_EMAIL_CLAIM_LEASE_SECONDS", 60),
      rateLimits: {
        perAddress: { limit: intEnv("STACK_EMAIL_RATE_LIMIT_PER_ADDRESS", 5), windowSeconds: intEnv("STACK_EMAIL_RATE_LIMIT_WINDOW_SECONDS", 900) },
        // A share of each address's budget per client, never a wall across all addresses that a shared proxy could hit.
        perClientAndAddress: { limit: intEnv("STACK_EMAIL_RATE_LIMIT_PER_IP", 3), windowSeconds: intEnv("STACK_EMAIL_RATE_LIMIT_WINDOW_SECONDS", 900) },
      },
    },
    webhooks: webhookSettings(),
    trustedProxyHops: readEnv("STACK_TRUST_PROXY") === "true" ? intEnv("STACK_TRUSTED_PROXY_HOPS", 1) : 0,
    cronSecret: readEnv("CRON_SECRET") ?? readEnv("STACK_CRON_SECRET"),
    credentialScanningPublicKeys: credentialScanningPublicKeys(),
    botChallenge: botChallengeSettings(),
    oauth: loadOAuthSettings(),
    passkeyTestChallenge: passkeyTestChallengeEnv(isDevelopment),
    responseChecks: { enabled: readEnv("STACK_VALIDATE_RESPONSES") === "1", recordFile: readEnv("STACK_VALIDATED_ROUTES_FILE") },
  };
}
