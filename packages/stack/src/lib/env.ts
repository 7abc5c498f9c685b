// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
/*
 * Environment defaults for the app options. Every variable is read by its literal name, because
 * bundlers (Next.js, Vite) inline only `process.env.NAME` / `import.meta.env.NAME` written out in full;
 * each read is guarded, since `process` does not exist in a browser without a bundler.
 */

type EnvKey = "projectId" | "publishableClientKey" | "apiUrl" | "secretServerKey" | "superSecretAdminKey";
type Candidate = readonly [name: string, read: () => string | undefined];

function guarded(read: () => string | undefined): () => string | undefined {
  return () => {
    try {
      const value = read();
      return value === "" ? undefined : value;
    } catch {
      return undefined;
    }
  };
}

const viteEnv = () => (import.meta as unknown as { env: Record<string, string | undefined> }).env;

// Hexclave names first; the first set variable wins.
const HEXCLAVE: Record<EnvKey, Candidate[]> = {
  projectId: [
    ["NEXT_PUBLIC_HEXCLAVE_PROJECT_ID", guarded(() => process.env.NEXT_PUBLIC_HEXCLAVE_PROJECT_ID)],
    ["VITE_HEXCLAVE_PROJECT_ID", guarded(() => viteEnv().VITE_HEXCLAVE_PROJECT_ID)],
    ["HEXCLAVE_PROJECT_ID", guarded(() => process.env.HEXCLAVE_PROJECT_ID)],
  ],
  publishableClientKey: [
    ["NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY", guarded(() => process.env.NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY)],
    ["VITE_HEXCLAVE_PUBLISHABLE_CLIENT_KEY", guarded(() => viteEnv().VITE_HEXCLAVE_PUBLISHABLE_CLIENT_KEY)],
    ["HEXCLAVE_PUBLISHABLE_CLIENT_KEY", guarded(() => process.env.HEXCLAVE_PUBLISHABLE_CLIENT_KEY)],
  ],
  apiUrl: [
    ["NEXT_PUBLIC_HEXCLAVE_API_URL", guarded(() => process.env.NEXT_PUBLIC_HEXCLAVE_API_URL)],
    ["VITE_HEXCLAVE_API_URL", guarded(() => viteEnv().VITE_HEXCLAVE_API_URL)],
    ["HEXCLAVE_API_URL", guarded(() => process.env.HEXCLAVE_API_URL)],
  ],
  secretServerKey: [["HEXCLAVE_SECRET_SERVER_KEY", guarded(() => process.env.HEXCLAVE_SECRET_SERVER_KEY)]],
  superSecretAdminKey: [["HEXCLAVE_SUPER_SECRET_ADMIN_KEY", guarded(() => process.env.HEXCLAVE_SUPER_SECRET_ADMIN_KEY)]],
};

const STACK: Record<EnvKey, Candidate[]> = {
  projectId: [
    ["NEXT_PUBLIC_STACK_PROJECT_ID", guarded(() => process.env.NEXT_PUBLIC_STACK_PROJECT_ID)],
    ["VITE_STACK_PROJECT_ID", guarded(() => viteEnv().VITE_STACK_PROJECT_ID)],
    ["STACK_PROJECT_ID", guarded(() => process.env.STACK_PROJECT_ID)],
  ],
  publishableClientKey: [
    ["NEXT_PUBLIC_STACK_PUBLISHABLE_CLIENT_KEY", guarded(() => process.env.NEXT_PUBLIC_STACK_PUBLISHABLE_CLIENT_KEY)],
    ["VITE_STACK_PUBLISHABLE_CLIENT_KEY", guarded(() => viteEnv().VITE_STACK_PUBLISHABLE_CLIENT_KEY)],
    ["STACK_PUBLISHABLE_CLIENT_KEY", guarded(() => process.env.STACK_PUBLISHABLE_CLIENT_KEY)],
  ],
  apiUrl: [
    ["NEXT_PUBLIC_STACK_API_URL", guarded(() => process.env.NEXT_PUBLIC_STACK_API_URL)],
    ["VITE_STACK_API_URL", guarded(() => viteEnv().VITE_STACK_API_URL)],
    ["STACK_API_URL", guarded(() => process.env.STACK_API_URL)],
  ],
  secretServerKey: [["STACK_SECRET_SERVER_KEY", guarded(() => process.env.STACK_SECRET_SERVER_KEY)]],
  superSecretAdminKey: [["STACK_SUPER_SECRET_ADMIN_KEY", guarded(() => process.env.STACK_SUPER_SECRET_ADMIN_KEY)]],
};

let warned = false;

/** Resets the once-per-process warning; for tests. */
export function resetEnvWarning(): void {
  warned = false;
}

function firstSet(candidates: Candidate[]): [string, string] | null {
  for (const [name, read] of candidates) {
    const value = read();
    if (value !== undefined) return [name, value];
  }
  return null;
}

/**
 * The value of one setting from the environment: a `HEXCLAVE_` name when set, else its `STACK_` twin.
 * Relying on a `STACK_` name alone logs one warning per process, naming the variable to rename.
 */
export function envDefault(key: EnvKey): string | undefined {
  const hexclave = firstSet(HEXCLAVE[key]);
  if (hexclave) return hexclave[1];
  const stack = firstSet(STACK[key]);
  if (!stack) return undefined;
  if (!warned) {
    warned = true;
    console.warn(
      `Hexclave: ${stack[0]} is read from the environment under its old Stack Auth name; rename it to ${stack[0].replace("STACK_", "HEXCLAVE_")}. The old names keep working.`,
    );
  }
  return stack[1];
}
