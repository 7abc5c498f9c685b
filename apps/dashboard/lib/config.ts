"use client";
import type { HexclaveConfig } from "@stackframe/stack";
import { useProject } from "./projects";
import { useAsync } from "./use-async";

/** A value of the rendered config by its dotted path (`auth.password.allowSignIn`), or undefined. */
export function readConfig(config: HexclaveConfig, path: string): unknown {
  let value: unknown = config;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export type TrustedDomain = { id: string; baseUrl: string; handlerPath: string };

export function trustedDomainsOf(config: HexclaveConfig): TrustedDomain[] {
  const domains = (readConfig(config, "domains.trustedDomains") ?? {}) as Record<string, { baseUrl?: string; handlerPath?: string } | null>;
  return Object.entries(domains)
    .filter((entry): entry is [string, { baseUrl: string; handlerPath?: string }] => typeof entry[1]?.baseUrl === "string")
    .map(([id, domain]) => ({ id, baseUrl: domain.baseUrl, handlerPath: domain.handlerPath ?? "/handler" }))
    .sort((a, b) => a.baseUrl.localeCompare(b.baseUrl));
}

/** The project's rendered config; `update` writes a change to the environment level and loads the result. */
export function useProjectConfig() {
  const project = useProject();
  const state = useAsync(async () => (await project.app.getProject()).getConfig(), [project.id]);
  const update = async (changes: HexclaveConfig) => {
    await (await project.app.getProject()).updateConfig(changes);
    state.reload();
  };
  return { state, update };
}

/** The first trusted domain that is a plain URL (no wildcard): where the project's app runs, for links into it. */
export function appUrlOf(config: HexclaveConfig): string | null {
  return trustedDomainsOf(config).find((domain) => !domain.baseUrl.includes("*"))?.baseUrl ?? null;
}
