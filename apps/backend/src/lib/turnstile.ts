import { writeLogRecord } from "./json-log";

/** Where and how to verify bot-challenge tokens: Cloudflare Turnstile's siteverify API, or one that speaks it. */
export type TurnstileSettings = { secretKey: string; siteverifyUrl: string; timeoutMs: number };

/** What siteverify said of a token: whether it passed, and where and for what it was solved. */
export type SiteverifyAnswer = { success: boolean; hostname: string | null; action: string | null; errorCodes: string[] };

/** Asks siteverify about one token; null when it could not be asked or gave no answer of its shape. */
export type TurnstileVerifier = (token: string, remoteIp: string | null) => Promise<SiteverifyAnswer | null>;

export const CLOUDFLARE_SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
export const SITEVERIFY_TIMEOUT_MS = 10_000;

function toAnswer(json: unknown): SiteverifyAnswer | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const { success, hostname, action } = json as Record<string, unknown>;
  const errorCodes = (json as Record<string, unknown>)["error-codes"];
  if (typeof success !== "boolean") return null;
  return {
    success,
    hostname: typeof hostname === "string" ? hostname : null,
    action: typeof action === "string" ? action : null,
    errorCodes: Array.isArray(errorCodes) ? errorCodes.filter((code): code is string => typeof code === "string") : [],
  };
}

/**
 * POSTs the token as a form (secret, response, remoteip), as Turnstile's server-side validation asks. One attempt, no
 * retry: a token is single-use, and the caller treats "no answer" like a failed challenge.
 */
export function createTurnstileVerifier(settings: TurnstileSettings): TurnstileVerifier {
  return async (token, remoteIp) => {
    const body = new URLSearchParams({ secret: settings.secretKey, response: token });
    if (remoteIp) body.set("remoteip", remoteIp);
    try {
      const response = await fetch(settings.siteverifyUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      const answer = response.ok ? toAnswer(await response.json()) : null;
      if (!answer) noteSiteverifyFailure(`answered HTTP ${response.status} without a siteverify result`);
      return answer;
    } catch (error) {
      // Unreachable, timed out, or not JSON: the same as no answer.
      noteSiteverifyFailure(`request failed (${error instanceof Error ? error.name : "unknown error"})`);
      return null;
    }
  };
}

// Challenges fail while siteverify is down, so the operator should see why; the secret and the token stay out of it.
function noteSiteverifyFailure(reason: string): void {
  writeLogRecord({ log: "warning", time: new Date().toISOString(), warning: "bot_challenge_siteverify_failed", message: `Bot-challenge siteverify ${reason}.` });
}
