export type RedirectPolicy = {
  /** The page the value is relative to; a target on this origin is always accepted. */
  base?: string;
  /** Whether a target on another origin may be followed (the project's trusted domains). */
  isTrusted?: (url: URL) => boolean;
};

// Browsers drop tabs and newlines inside URLs and read `\` as `/`, so a value with any of them means something other
// than it seems to a naive check (`/\evil.example`, `java\tscript:`). Honest URLs percent-encode these characters.
function hasAmbiguousCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * The one check for every redirect target (sign-in return paths, emailed callback URLs, redirect URIs). The value is
 * resolved once, as a browser would follow it, and accepted only when it lands on `base`'s origin or on a trusted one.
 * Returns the absolute URL to redirect to — never a bare path, since a path such as `//evil.example` is itself a
 * link to another site — or null.
 * @example resolveRedirectUrl("/settings?tab=1", { base: "https://app.example/handler/sign-in" }) // "https://app.example/settings?tab=1"
 */
export function resolveRedirectUrl(value: string, policy: RedirectPolicy = {}): string | null {
  if (value === "" || hasAmbiguousCharacter(value)) return null;
  let url: URL;
  let base: URL | undefined;
  try {
    base = policy.base === undefined ? undefined : new URL(policy.base);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // `https://trusted.example@evil.example` reads as trusted to people; nothing legitimate puts credentials here.
  if (url.username !== "" || url.password !== "") return null;
  // A path that begins with an empty segment (`//evil.example` after resolving `/.//evil.example`) is only ever
  // crafted to be misread as another host; following it would at best land on a page that does not exist.
  if (url.pathname.startsWith("//")) return null;
  if (base !== undefined && url.origin === base.origin) return url.href;
  return policy.isTrusted?.(url) ? url.href : null;
}
