/*
 * Environment defaults for the app options. Every variable is read by its literal name, because
 * bundlers (Next.js, Vite) inline only `process.env.NAME` / `import.meta.env.NAME` written out in full;
 * each read is guarded, since `process` does not exist in a browser without a bundler.
 */

type EnvKey = "projectId" | "publishableClientKey" | "apiUrl" | "secretServerKey" | "superSecretAdminKey";

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

// Hexclave names first; the first set variable wins. Only the old names are ever shown (in the warning), so only they
// keep their names as strings.
const HEXCLAVE: Record<EnvKey, (() => string | undefined)[]> = {
  projectId: [
    guarded(() => process.env.NEXT_PUBLIC_HEXCLAVE_PROJECT_ID),
    guarded(() => viteEnv().VITE_HEXCLAVE_PROJECT_ID),
    guarded(() => process.env.HEXCLAVE_PROJECT_ID),
  ],
  publishableClientKey: [
    guarded(() => process.env.NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY),
    guarded(() => viteEnv().VITE_HEXCLAVE_PUBLISHABLE_CLIENT_KEY),
    guarded(() => process.env.HEXCLAVE_PUBLISHABLE_CLIENT_KEY),
  ],
  apiUrl: [
    guarded(() => process.env.NEXT_PUBLIC_HEXCLAVE_API_URL),
    guarded(() => viteEnv().VITE_HEXCLAVE_API_URL),
    guarded(() => process.env.HEXCLAVE_API_URL),
  ],
  secretServerKey: [guarded(() => process.env.HEXCLAVE_SECRET_SERVER_KEY)],
  superSecretAdminKey: [guarded(() => process.env.HEXCLAVE_SUPER_SECRET_ADMIN_KEY)],
};

// The old names, in the same order; their names are spelt out only for the warning that names the one to rename.
const STACK: Record<EnvKey, (() => string | undefined)[]> = {
  projectId: [
    guarded(() => process.env.NEXT_PUBLIC_STACK_PROJECT_ID),
    guarded(() => viteEnv().VITE_STACK_PROJECT_ID),
    guarded(() => process.env.STACK_PROJECT_ID),
  ],
  publishableClientKey: [
    guarded(() => process.env.NEXT_PUBLIC_STACK_PUBLISHABLE_CLIENT_KEY),
    guarded(() => viteEnv().VITE_STACK_PUBLISHABLE_CLIENT_KEY),
    guarded(() => process.env.STACK_PUBLISHABLE_CLIENT_KEY),
  ],
  apiUrl: [
    guarded(() => process.env.NEXT_PUBLIC_STACK_API_URL),
    guarded(() => viteEnv().VITE_STACK_API_URL),
    guarded(() => process.env.STACK_API_URL),
  ],
  secretServerKey: [guarded(() => process.env.STACK_SECRET_SERVER_KEY)],
  superSecretAdminKey: [guarded(() => process.env.STACK_SUPER_SECRET_ADMIN_KEY)],
};

const STACK_PREFIXES = ["NEXT_PUBLIC_STACK_", "VITE_STACK_", "STACK_"];
const SETTING_NAMES: Record<EnvKey, string> = {
  projectId: "PROJECT_ID",
  publishableClientKey: "PUBLISHABLE_CLIENT_KEY",
  apiUrl: "API_URL",
  secretServerKey: "SECRET_SERVER_KEY",
  superSecretAdminKey: "SUPER_SECRET_ADMIN_KEY",
};

let warned = false;

/** Resets the once-per-process warning; for tests. */
export function resetEnvWarning(): void {
  warned = false;
}

function firstSet(readers: (() => string | undefined)[]): [index: number, value: string] | null {
  for (const [index, read] of readers.entries()) {
    const value = read();
    if (value !== undefined) return [index, value];
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
    // A setting's readers follow the last of these prefixes, in order (the secret keys have the plain name only).
    const name = `${STACK_PREFIXES.slice(-STACK[key].length)[stack[0]]}${SETTING_NAMES[key]}`;
    console.warn(`Hexclave: ${name} is read from the environment under its old Stack Auth name; rename it to ${name.replace("STACK_", "HEXCLAVE_")}. The old names keep working.`);
  }
  return stack[1];
}
