/** What the global setup hands to every test file. */
export type TestEnv = {
  backendUrl: string;
  databaseUrl: string;
  serverSecret: string;
  internalKeys: { publishableClientKey: string; secretServerKey: string; superSecretAdminKey: string };
};

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}
