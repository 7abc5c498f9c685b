// CLI entry: `pnpm --filter @hexclave/mock-oauth-server start`. Settings come from the environment (see README.md).
import { startMockOAuthServer } from "./server";

const rawPort = process.env.HEXCLAVE_MOCK_OAUTH_PORT ?? process.env.STACK_MOCK_OAUTH_PORT ?? "8114";
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`mock OAuth server: HEXCLAVE_MOCK_OAUTH_PORT must be a TCP port between 1 and 65535, got "${rawPort}".`);
  process.exit(1);
}

try {
  const server = await startMockOAuthServer({ port, host: process.env.HEXCLAVE_MOCK_OAUTH_HOST ?? "127.0.0.1", issuer: process.env.HEXCLAVE_MOCK_OAUTH_ISSUER });
  console.log(`Mock OAuth server (development and tests only) at ${server.url}, issuer ${server.issuer}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  // A taken port or a malformed setting: the message says which, a stack trace would only bury it.
  console.error(`mock OAuth server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
