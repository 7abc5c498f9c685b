"use client";

import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button, CardHeader, Field, HexclaveLink } from "./primitives.js";
import { MfaStep, mfaAttemptCodeOf } from "./mfa-step.js";
import { OAuthButtonGroup } from "./oauth-buttons.js";
import { SignInWithPasskey } from "./passkey-sign-in.js";
import { SignInWithCode } from "./sign-in-code.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";
import { useCarriedReturnTo } from "./use-carried-return-to.js";
import { useSignInMethods } from "./use-sign-in-methods.js";

export type SignInProps = {
  /** Center the form in the viewport, for a page that shows nothing else. */
  fullPage?: boolean;
  /** Shown under the form, e.g. links to terms of service. */
  extraInfo?: ReactNode;
  theme?: HexclaveThemeConfig;
};

/**
 * The sign-in page: a button per OAuth provider and one for passkeys, then the email and password form and the
 * sign-in code, as the project has them on. On success the app goes to `urls.afterSignIn`.
 * @example
 * <SignIn fullPage extraInfo={<>By signing in you accept our <a href="/terms">terms</a>.</>} />
 */
export function SignIn({ fullPage, extraInfo, theme }: SignInProps) {
  const app = useHexclaveApp();
  const otherPage = useCarriedReturnTo(app.urls.signUp);
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { pending, error, run } = useAction();
  const methods = useSignInMethods();
  // Set when the password was right but the account also needs its authenticator: the page turns to that step.
  const [attemptCode, setAttemptCode] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await app.signInWithCredential({ email: email.trim(), password });
      if (result.status === "ok") return null;
      const code = mfaAttemptCodeOf(result.error);
      if (code === null) return authErrorMessage(result.error);
      setAttemptCode(code);
      return null;
    }, authErrorMessage);
  };

  if (attemptCode !== null) {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <MfaStep attemptCode={attemptCode} onCancel={() => setAttemptCode(null)} />
      </HexclaveCard>
    );
  }

  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Sign in" subtitle="Welcome back. Sign in to continue." />
      {/* The passkey button joins the provider buttons: the "or" line comes after both, before the forms. */}
      <OAuthButtonGroup type="sign-in" providers={methods.oauth} divider={!methods.passkey && (methods.password || methods.code)} />
      {methods.passkey ? (
        <>
          <SignInWithPasskey onMfaRequired={setAttemptCode} />
          {methods.password || methods.code ? <p className="hx-divider">or</p> : null}
        </>
      ) : null}
      {methods.password ? (
        <form className="hx-stack" onSubmit={onSubmit}>
          <Field
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={setEmail}
            errorId={errorId}
            invalid={error !== null}
          />
          <Field
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
            errorId={errorId}
            invalid={error !== null}
          />
          <Alert id={errorId} message={error} />
          <Button type="submit" block loading={pending}>
            Sign in
          </Button>
          <HexclaveLink href={app.urls.forgotPassword}>Forgot password?</HexclaveLink>
        </form>
      ) : null}
      {methods.code ? (
        <>
          {methods.password ? <p className="hx-divider">or</p> : null}
          <SignInWithCode />
        </>
      ) : null}
      {!methods.password && !methods.code && !methods.passkey && methods.oauth.length === 0 ? <Alert message="This app has no sign-in method turned on yet." /> : null}
      <p className="hx-footer">
        Don't have an account? <HexclaveLink href={otherPage}>Create an account</HexclaveLink>
      </p>
      {extraInfo ? <div className="hx-extra">{extraInfo}</div> : null}
    </HexclaveCard>
  );
}
