"use client";

import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { OAuthButtonGroup } from "./oauth-buttons.js";
import { Alert, Button, CardHeader, Field, HexclaveLink } from "./primitives.js";
import { SignInWithCode } from "./sign-in-code.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";
import { useCarriedReturnTo } from "./use-carried-return-to.js";
import { useSignInMethods } from "./use-sign-in-methods.js";

/** The backend's own minimum; checking it here saves a round trip and names the rule before the visitor submits. */
const MIN_PASSWORD_LENGTH = 8;

export type SignUpProps = {
  /** Center the form in the viewport, for a page that shows nothing else. */
  fullPage?: boolean;
  /** Shown under the form, e.g. links to terms of service. */
  extraInfo?: ReactNode;
  theme?: HexclaveThemeConfig;
};

type InvalidField = "password" | "repeat" | null;

/**
 * The sign-up page: a button per OAuth provider, then the email and password form (or the sign-in code, which makes
 * the account, when passwords are off). On success the new user is signed in and the app goes to `urls.afterSignUp`.
 * @example
 * <SignUp fullPage theme={{ variables: { primary: "#0ea5e9" } }} />
 */
export function SignUp({ fullPage, extraInfo, theme }: SignUpProps) {
  const app = useHexclaveApp();
  const otherPage = useCarriedReturnTo(app.urls.signIn);
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [invalidField, setInvalidField] = useState<InvalidField>(null);
  const { pending, error, setError, run } = useAction();
  const methods = useSignInMethods();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setInvalidField("password");
      setError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
      return;
    }
    if (password !== repeat) {
      setInvalidField("repeat");
      setError("Passwords do not match.");
      return;
    }
    setInvalidField(null);
    void run(async () => {
      const result = await app.signUpWithCredential({ email: email.trim(), password });
      return result.status === "error" ? authErrorMessage(result.error) : null;
    }, authErrorMessage);
  };

  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Create an account" subtitle="Sign up with your email address." />
      {!methods.signUp ? <Alert message="This app is not taking new sign-ups." /> : null}
      {methods.signUp ? <OAuthButtonGroup type="sign-up" providers={methods.oauth} divider={methods.password || methods.code} /> : null}
      {/* Without passwords, a sign-in code makes the account. */}
      {methods.signUp && !methods.password && methods.code ? <SignInWithCode /> : null}
      {methods.signUp && !methods.password && !methods.code && methods.oauth.length === 0 ? (
        <Alert message="This app has no sign-up method turned on yet." />
      ) : null}
      {methods.signUp && methods.password ? (
        <form className="hx-stack" onSubmit={onSubmit}>
          <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={setEmail} />
          <Field
            label="Password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            value={password}
            onChange={setPassword}
            errorId={errorId}
            invalid={invalidField === "password"}
          />
          <Field
            label="Repeat password"
            type="password"
            name="password-repeat"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={setRepeat}
            errorId={errorId}
            invalid={invalidField === "repeat"}
          />
          <Alert id={errorId} message={error} />
          <Button type="submit" block loading={pending}>
            Sign up
          </Button>
        </form>
      ) : null}
      <p className="hx-footer">
        Already have an account? <HexclaveLink href={otherPage}>Sign in instead</HexclaveLink>
      </p>
      {extraInfo ? <div className="hx-extra">{extraInfo}</div> : null}
    </HexclaveCard>
  );
}
