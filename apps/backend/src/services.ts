import type { Services } from "./app-env";
import type { Database } from "./db/client";
import { createProjectCache } from "./domain/projects/project-cache";
import { createAccessTokenService } from "./domain/tokens/access-tokens";
import type { BackendConfig } from "./lib/config";
import { type EmailTransport, createSmtpTransport } from "./lib/email-transport";
import { createForwardingDiagnostics } from "./lib/forwarded-headers";
import { JwtKeyring } from "./lib/jwt-keys";
import { createPasswordHasher } from "./lib/passwords";

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
  };
}
