/** What the global setup hands to every test file. */
export type TestEnv = {
  backendUrl: string;
  /** The maildev every backend of the run sends to: its SMTP port and its web inbox / REST API. */
  maildev: { smtpPort: number; webUrl: string };
  /** The mock OAuth server of the run (its issuer URL), where every shared-key provider signs in. */
  mockOAuthUrl: string;
  cronSecret: string;
  databaseUrl: string;
  serverSecret: string;
  internalKeys: { publishableClientKey: string; secretServerKey: string; superSecretAdminKey: string };
  /** Everything the shared backend prints during the run, for tests of what it logs. */
  backendLogFile: string;
  /** Where every backend of the run records the routes whose answers passed the OpenAPI check. */
  checkedRoutesFile: string;
  /** Where the backends of the run keep uploaded files, removed with the run's other files. */
  fileStorageDir: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}
