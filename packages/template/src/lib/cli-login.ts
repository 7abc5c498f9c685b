import { CliAuthError, CliAuthExpiredError, CliAuthUsedError, type ClientInterface, HexclaveHttpError, type InternalSession, type KnownError, UserAuthenticationRequired } from "@stackframe/stack-shared";
import { completeCliLogin, pollCliLogin, startCliLogin } from "@stackframe/stack-shared/client-calls";
import { Result, knownErrorResult } from "./result.js";

// Loaded by the client app on the first CLI login call only: no web page needs it.

const CLI_POLL_INTERVAL_MILLIS = 1000;

export type PromptCliLoginOptions = {
  appUrl: string;
  expiresInMillis?: number;
  anonRefreshToken?: string;
  promptLink?: (url: string, loginCode: string) => void;
};

export async function promptCliLogin(iface: ClientInterface, handlerPath: string, options: PromptCliLoginOptions): Promise<Result<string, KnownError>> {
  const started = await startCliLogin(iface.http, { expires_in_millis: options.expiresInMillis, anon_refresh_token: options.anonRefreshToken });
  const url = new URL(`${handlerPath.replace(/\/$/, "")}/cli-auth-confirm`, options.appUrl);
  url.searchParams.set("login_code", started.login_code);
  if (options.promptLink) options.promptLink(url.toString(), started.login_code);
  else console.log(`Open this link to sign in: ${url.toString()}`);
  for (;;) {
    const poll = await pollCliLogin(iface.http, started.polling_code);
    if (poll.status === "success" && poll.refresh_token) return Result.ok(poll.refresh_token);
    if (poll.status === "expired") return Result.error(new CliAuthExpiredError());
    if (poll.status === "used") return Result.error(new CliAuthUsedError());
    await new Promise((resolve) => setTimeout(resolve, CLI_POLL_INTERVAL_MILLIS));
  }
}

export async function confirmCliLogin(iface: ClientInterface, session: InternalSession, loginCode: string): Promise<Result<undefined, KnownError>> {
  const refreshToken = session.refreshToken;
  if (!refreshToken) return Result.error(new UserAuthenticationRequired());
  try {
    return await knownErrorResult(() => completeCliLogin(iface.http, loginCode, refreshToken, session));
  } catch (error) {
    // The API answers a bad or expired login code in plain text; the SDK's callers expect a known error.
    if (error instanceof HexclaveHttpError) return Result.error(new CliAuthError(error.body));
    throw error;
  }
}
