"use client";

import { useEffect, useState } from "react";
import { useHexclaveApp } from "../hooks.js";

/** `oauth`: the ids of the project's OAuth providers, in the order the project lists them. */
export type SignInMethods = { password: boolean; code: boolean; passkey: boolean; signUp: boolean; oauth: readonly string[] };

/**
 * The sign-in methods the project has on. Until it answers, the password form shows (most projects have it) and the
 * code option, passkeys and OAuth buttons wait; a method turned off in the dashboard then disappears from the page.
 */
export function useSignInMethods(): SignInMethods {
  const app = useHexclaveApp();
  const [methods, setMethods] = useState<SignInMethods>({ password: true, code: false, passkey: false, signUp: true, oauth: [] });
  useEffect(() => {
    let current = true;
    app.getProject().then(
      ({ config }) =>
        current &&
        setMethods({
          password: config.credentialEnabled,
          code: config.magicLinkEnabled,
          passkey: config.passkeyEnabled,
          signUp: config.signUpEnabled,
          oauth: config.oauthProviders.map(({ id }) => id),
        }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [app]);
  return methods;
}
