type EnvSource = Record<string, string | undefined>;

const BRANDED = /^(NEXT_PUBLIC_|VITE_)?STACK_/;

/** The `HEXCLAVE_` twin of a `STACK_` variable name, keeping any `NEXT_PUBLIC_` / `VITE_` prefix. */
export function hexclaveTwinOf(name: string): string | null {
  const match = BRANDED.exec(name);
  if (!match) return null;
  return `${match[1] ?? ""}HEXCLAVE_${name.slice(match[0].length)}`;
}

/**
 * Reads a variable by its Stack name, preferring the Hexclave twin when both are set.
 * Empty strings count as unset, because deployment tools often write `FOO=` for "not configured".
 * @example readEnv("STACK_SERVER_SECRET") // HEXCLAVE_SERVER_SECRET ?? STACK_SERVER_SECRET
 */
export function readEnv(name: string, source: EnvSource = process.env): string | undefined {
  const twin = hexclaveTwinOf(name);
  const preferred = twin === null ? undefined : source[twin];
  if (preferred !== undefined && preferred !== "") return preferred;
  const value = source[name];
  return value === undefined || value === "" ? undefined : value;
}
