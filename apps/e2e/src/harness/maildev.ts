import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "./backend-process";

export type MailDev = { smtpPort: number; webUrl: string; stop: () => Promise<void> };

/** One email as maildev's REST API returns it (the fields the tests read). */
export type CaughtEmail = {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  from: { address: string; name: string }[];
  headers: Record<string, string>;
  messageId: string;
};

const require = createRequire(import.meta.url);
const MAILDEV_BIN = join(dirname(require.resolve("maildev/package.json")), "bin", "maildev");

/** A real SMTP server with a web inbox and a REST API, on free loopback ports. */
export async function startMailDev(): Promise<MailDev> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [MAILDEV_BIN, "--smtp", String(smtpPort), "--web", String(webPort), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const webUrl = `http://127.0.0.1:${webPort}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`maildev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${webUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("maildev did not start within 20 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    smtpPort,
    webUrl,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function listEmails(webUrl: string): Promise<CaughtEmail[]> {
  const response = await fetch(`${webUrl}/email`);
  if (!response.ok) throw new Error(`maildev answered ${response.status}`);
  return (await response.json()) as CaughtEmail[];
}

/** Waits for the newest email to an address that matches; the outbox sends within about a second. */
export async function waitForEmail(webUrl: string, to: string, match: (email: CaughtEmail) => boolean = () => true, timeoutMs = 15_000): Promise<CaughtEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await listEmails(webUrl)).filter((email) => email.to.some((r) => r.address.toLowerCase() === to.toLowerCase()) && match(email));
    if (found.length > 0) return found[found.length - 1]!;
    if (Date.now() > deadline) throw new Error(`No email to ${to} arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The `code` query parameter of the first link in an email. */
export function codeFromEmail(email: CaughtEmail): string {
  const match = /[?&]code=([a-z2-7]{45})/.exec(email.text);
  if (!match) throw new Error(`No code link in the email "${email.subject}"`);
  return match[1]!;
}
