import { KnownErrors } from "@stackframe/stack-shared";
import type { SiteverifyAnswer, TurnstileVerifier } from "../../lib/turnstile";
import type { Tenancy } from "../projects/tenancy";
import { isTrustedHostname } from "../projects/trusted-domains";

/** The Turnstile action each flow's widget is rendered with; a token solved for another flow does not pass. */
export type BotChallengeAction = "sign_up_with_credential" | "send_magic_link_email" | "oauth_authenticate";

/** The bot-challenge fields of a request body, as the SDKs send them. */
export type BotChallengeFields = {
  bot_challenge_token?: string;
  bot_challenge_phase?: "invisible" | "visible";
  bot_challenge_unavailable?: "true";
};

export type BotChallengeDeps = { verifier: TurnstileVerifier | null; clientIp: string | null };

function passes(answer: SiteverifyAnswer | null, tenancy: Tenancy, action: BotChallengeAction): boolean {
  if (!answer?.success) return false;
  // A token solved on another site, or for another flow, could have been farmed there and replayed here.
  if (answer.hostname !== null && !isTrustedHostname(tenancy.config, answer.hostname)) return false;
  return answer.action === null || answer.action === action;
}

/**
 * Refuses a request whose bot challenge failed, when the deployment verifies them (a Turnstile secret is set).
 * The invisible challenge failing answers BOT_CHALLENGE_REQUIRED, so the client shows the visible one; the visible one
 * failing answers BOT_CHALLENGE_FAILED. An unreachable siteverify counts as a failure.
 *
 * Like Stack Auth's API, this lets two requests through unchecked: one saying the challenge could not be shown
 * (`bot_challenge_unavailable`, e.g. the widget's script was blocked) and one without a phase, from SDKs older than the
 * two-phase flow. Refusing those would lock out users whose browser cannot run the widget.
 */
export async function requireBotChallengePassed(
  tenancy: Tenancy,
  fields: BotChallengeFields,
  action: BotChallengeAction,
  deps: BotChallengeDeps,
): Promise<void> {
  const { verifier, clientIp } = deps;
  if (!verifier || fields.bot_challenge_unavailable === "true" || fields.bot_challenge_phase === undefined) return;
  const token = fields.bot_challenge_token?.trim() ?? "";
  if (token !== "" && passes(await verifier(token, clientIp), tenancy, action)) return;
  if (fields.bot_challenge_phase === "invisible") throw new KnownErrors.BotChallengeRequired();
  throw new KnownErrors.BotChallengeFailed("The visible bot challenge was not passed.");
}
