import { KnownErrors } from "@stackframe/stack-shared";
import type { Tx } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
import { findUsableVerificationCode, generateVerificationCode, insertVerificationCode, spendVerificationCode } from "../verification/codes";
import { StatusError } from "../../lib/status-error";

/** Stack Auth's limit on an OAuth sign-in, from the authorize request to the provider's callback. */
export const FLOW_LIFETIME_MILLIS = 10 * 60 * 1000;

/** What the authorize request asked for, kept server-side until the provider calls back; the app never sees it. */
export type OAuthFlow = {
  providerConfigId: string;
  kind: "authenticate" | "link";
  /** The user to link to (`link`), or the anonymous user to upgrade (`authenticate` with a token). */
  userId: string | null;
  redirectUri: string;
  errorRedirectUri: string | null;
  afterCallbackRedirectUrl: string | null;
  outerState: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  scope: string;
  responseMode: "redirect" | "json";
  providerScope: string[];
  providerCodeVerifier: string;
  providerNonce: string | null;
};

/**
 * The state sent to the provider: the tenancy it belongs to (public, so the callback, which carries no project
 * headers, knows where to look) and a random one-time code, stored hashed. Only the code is secret.
 */
export function innerStateFor(tenancy: Tenancy, code: string): string {
  return `${Buffer.from(`${tenancy.project.id}#${tenancy.branchId}`).toString("base64url")}.${code}`;
}

export function parseInnerState(state: string): { projectId: string; branchId: string; code: string } | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([a-z2-7]{45})$/.exec(state);
  if (!match) return null;
  const [projectId, branchId, ...rest] = Buffer.from(match[1]!, "base64url").toString("utf8").split("#");
  if (!projectId || !branchId || rest.length > 0) return null;
  return { projectId, branchId, code: match[2]! };
}

export async function startOAuthFlow(db: Tx, tenancy: Tenancy, flow: OAuthFlow): Promise<string> {
  const code = generateVerificationCode();
  await insertVerificationCode(db, tenancy, { type: "oauth_flow", code, data: flow as unknown as Record<string, unknown>, lifetimeMillis: FLOW_LIFETIME_MILLIS });
  return innerStateFor(tenancy, code);
}

const invalidState = () =>
  new StatusError(400, "This OAuth sign-in is unknown or was already finished. Start the sign-in again from the app.");

/**
 * The flow a callback names, and the way to use it up: the caller checks that this browser and this provider are the
 * flow's before spending it, so a state seen elsewhere cannot be used to cancel someone else's sign-in. A state works
 * once: a replayed callback gets nowhere.
 */
export async function openOAuthFlow(db: Tx, tenancy: Tenancy, code: string): Promise<{ flow: OAuthFlow; spend(): Promise<void> }> {
  let usable: Awaited<ReturnType<typeof findUsableVerificationCode>>;
  try {
    usable = await findUsableVerificationCode(db, tenancy, { type: "oauth_flow", code });
  } catch (error) {
    if (error instanceof KnownErrors.VerificationCodeExpired) throw new KnownErrors.OuterOAuthTimeout();
    throw invalidState();
  }
  return {
    flow: usable.data as unknown as OAuthFlow,
    spend: async () => {
      try {
        await spendVerificationCode(db, usable);
      } catch {
        throw invalidState();
      }
    },
  };
}
