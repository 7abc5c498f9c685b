import type { Database } from "./db/client";
import type { EmailQueueDeps } from "./domain/emails/queue-step";
import { webhookResolverFor } from "./domain/webhooks/dns-resolver";
import { createSvixClient } from "./domain/webhooks/svix";
import type { AddressPolicy } from "./domain/webhooks/url-policy";
import type { WebhookDeps } from "./domain/webhooks/worker";
import { type ProjectCache, createProjectCache } from "./domain/projects/project-cache";
import { type AccessTokenService, createAccessTokenService } from "./domain/tokens/access-tokens";
import type { BackendConfig } from "./lib/config";
import { type EmailTransport, createSmtpTransport } from "./lib/email-transport";
import type { FileStorage } from "./lib/file-storage/file-storage";
import { createFileStorage } from "./lib/file-storage/settings";
import { type ForwardingDiagnostics, createForwardingDiagnostics } from "./lib/forwarded-headers";
import { JwtKeyring } from "./lib/jwt-keys";
import { type PasswordHasher, createPasswordHasher } from "./lib/passwords";
import { type TurnstileVerifier, createTurnstileVerifier } from "./lib/turnstile";

/** Everything a request may need, made once per process; routes hand each domain function only the parts it uses. */
export type Services = {
  db: Database;
  config: BackendConfig;
  keyring: JwtKeyring;
  accessTokens: AccessTokenService;
  passwords: PasswordHasher;
  projects: ProjectCache;
  mailer: EmailTransport;
  forwarding: ForwardingDiagnostics;
  /** Checks bot-challenge tokens; null when no Turnstile secret is configured. */
  botChallenge: TurnstileVerifier | null;
  files: FileStorage;
};

export function createServices(db: Database, config: BackendConfig & { serverSecret: string }, mailer: EmailTransport = createSmtpTransport()): Services {
  const keyring = new JwtKeyring(config.serverSecret, config.signingKeys);
  return {
    db,
    config,
    keyring,
    accessTokens: createAccessTokenService({ keyring, apiUrl: config.apiUrl, lifetimeSeconds: config.accessTokenLifetimeSeconds }),
    passwords: createPasswordHasher(config.passwordHashing),
    projects: createProjectCache(db),
    mailer,
    forwarding: createForwardingDiagnostics(),
    botChallenge: config.botChallenge ? createTurnstileVerifier(config.botChallenge) : null,
    files: createFileStorage(config.fileStorage),
  };
}

export function emailQueueDepsOf(services: Services): EmailQueueDeps {
  return { db: services.db, projects: services.projects, mailer: services.mailer, email: services.config.email, apiUrl: services.config.apiUrl };
}

/** Where this server's deliveries may connect: private networks only when the operator allows them (loopback in development). */
export function webhookPolicyOf(services: Services): AddressPolicy {
  return { allowPrivateNetworks: services.config.webhooks.allowPrivateNetworks, isDevelopment: services.config.isDevelopment };
}

export function webhookDepsOf(services: Services): WebhookDeps {
  const settings = services.config.webhooks;
  return {
    db: services.db,
    projects: services.projects,
    serverSecret: serverSecretOf(services),
    settings,
    policy: webhookPolicyOf(services),
    svix: settings.svix ? createSvixClient(settings.svix) : null,
    resolver: webhookResolverOf(services),
  };
}

/** How this server resolves the names of webhook endpoints: through the operator's DNS servers when set. */
export function webhookResolverOf(services: Services) {
  return webhookResolverFor(services.config.webhooks.dnsServers);
}

/** The server secret, which start-up resolves before it creates the services. */
export function serverSecretOf(services: Services): string {
  const secret = services.config.serverSecret;
  if (!secret) throw new Error("The server secret is resolved before the services are created, so it cannot be missing here.");
  return secret;
}

export function refreshDepsOf(services: Services) {
  return { accessTokens: services.accessTokens, idleTimeoutSeconds: services.config.refreshTokenIdleTimeoutSeconds };
}

export function passwordAuthDepsOf(services: Services) {
  return { passwords: services.passwords, accessTokens: services.accessTokens };
}

export function profileImageDepsOf(services: Services) {
  return { files: services.files, apiUrl: services.config.apiUrl };
}
