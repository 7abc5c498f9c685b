// What an OAuth round trip needs of a browser, without the test runner: the benchmarks use it too.
import { createHash, randomBytes } from "node:crypto";

export type Pkce = { verifier: string; challenge: string };

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** A browser's cookie jar, reduced to what an OAuth round trip needs: each host's cookies go back to that host. */
export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.#cookies.get(new URL(url).host) ?? new Map())].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  take(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.#cookies.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0\b/i.test(line) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(host, jar);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: this.header(url) } });
    this.take(url, response);
    return response;
  }
}

export type MockProfile = { email: string; name?: string; verified?: boolean };

/** Signs in on the mock provider's page the way a person would; resolves with the backend callback URL it sends back to. */
export async function signInAtProvider(location: string, profile: MockProfile, jar: CookieJar): Promise<string> {
  const toPage = await jar.fetch(location);
  if (toPage.status !== 303) throw new Error(`The provider's authorize endpoint answered ${toPage.status}: ${await toPage.text()}`);
  const page = new URL(toPage.headers.get("location")!, location).href;
  const form = new URLSearchParams({ email: profile.email, name: profile.name ?? "" });
  if (profile.verified !== false) form.set("email_verified", "true");
  const submitted = await jar.fetch(page, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
  if (submitted.status !== 303) throw new Error(`The provider's sign-in form answered ${submitted.status}: ${await submitted.text()}`);
  const resumed = await jar.fetch(new URL(submitted.headers.get("location")!, page).href);
  if (resumed.status !== 303) throw new Error(`The provider's resume answered ${resumed.status}: ${await resumed.text()}`);
  return new URL(resumed.headers.get("location")!, page).href;
}
