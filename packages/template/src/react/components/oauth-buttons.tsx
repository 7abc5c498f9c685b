"use client";

import { useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button } from "./primitives.js";
import { useAction } from "./use-action.js";

// Name and brand color of each provider type the API knows. The icon is the name's initial on that color: small enough
// to ship in every sign-in page, and recognisable next to the name it stands beside.
const KNOWN_PROVIDERS: Record<string, [name: string, color: string]> = {
  google: ["Google", "#4285f4"],
  github: ["GitHub", "#24292f"],
  microsoft: ["Microsoft", "#00a4ef"],
  apple: ["Apple", "#000000"],
  facebook: ["Facebook", "#1877f2"],
  discord: ["Discord", "#5865f2"],
  gitlab: ["GitLab", "#fc6d26"],
  bitbucket: ["Bitbucket", "#0052cc"],
  linkedin: ["LinkedIn", "#0a66c2"],
  spotify: ["Spotify", "#1db954"],
  twitch: ["Twitch", "#9146ff"],
  x: ["X", "#000000"],
};

/** How a provider is shown: its name and color for a known type, else its id on a neutral color. */
export function oauthProviderLook(providerId: string): { name: string; color: string } {
  const known = Object.hasOwn(KNOWN_PROVIDERS, providerId) ? KNOWN_PROVIDERS[providerId] : undefined;
  return known ? { name: known[0], color: known[1] } : { name: providerId, color: "#64748b" };
}

export type OAuthButtonGroupProps = {
  type: "sign-in" | "sign-up";
  /** Provider ids of the project's config, in the order to show them; nothing is rendered without any. */
  providers: readonly string[];
  /** Separate the buttons from a form below them with an "or" line. */
  divider?: boolean;
};

/**
 * One button per OAuth provider, each starting `signInWithOAuth`; a failure to start is shown below them.
 * @example <OAuthButtonGroup type="sign-in" providers={["github", "google"]} divider />
 */
export function OAuthButtonGroup({ type, providers, divider }: OAuthButtonGroupProps) {
  const app = useHexclaveApp();
  const { pending, error, run } = useAction();
  const [started, setStarted] = useState<string | null>(null);
  if (providers.length === 0) return null;
  const verb = type === "sign-in" ? "Sign in" : "Sign up";
  const start = (providerId: string) => {
    setStarted(providerId);
    // Resolves only if the browser stays: the button keeps spinning while the provider's page loads.
    void run(async () => {
      await app.signInWithOAuth(providerId);
      return null;
    }, authErrorMessage);
  };
  return (
    <>
      <div className="hx-stack">
        {providers.map((providerId) => {
          const { name, color } = oauthProviderLook(providerId);
          return (
            <Button key={providerId} variant="secondary" block loading={pending && started === providerId} disabled={pending} onClick={() => start(providerId)}>
              <span className="hx-oauth-icon" style={{ background: color }} aria-hidden="true">
                {name.charAt(0).toUpperCase()}
              </span>
              {`${verb} with ${name}`}
            </Button>
          );
        })}
        <Alert message={error} />
      </div>
      {divider ? <p className="hx-divider">or</p> : null}
    </>
  );
}
