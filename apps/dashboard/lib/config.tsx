"use client";
import type { HexclaveConfig } from "@stackframe/stack";
import { useProject } from "./projects";
import { type ReactNode, createContext, useContext } from "react";
import { type AsyncState, useAsync } from "./use-async";

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

export type DataVaultStore = { id: string; displayName: string };

export function dataVaultStoresOf(config: HexclaveConfig): DataVaultStore[] {
  const stores = (readConfig(config, "dataVault.stores") ?? {}) as Record<string, { displayName?: string } | null>;
  return Object.entries(stores)
    .filter((entry): entry is [string, { displayName?: string }] => entry[1] !== null && typeof entry[1] === "object")
    .map(([id, store]) => ({ id, displayName: store.displayName ?? id }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

type ProjectConfigValue = { state: AsyncState<HexclaveConfig>; update: (changes: HexclaveConfig) => Promise<void> };

const ProjectConfigContext = createContext<ProjectConfigValue | null>(null);

/** Loads the project's rendered config once for all its pages; a change made on any of them reloads it for all. */
export function ProjectConfigProvider({ children }: { children: ReactNode }) {
  const project = useProject();
  const state = useAsync(async () => (await project.app.getProject()).getConfig(), [project.id]);
  const update = async (changes: HexclaveConfig) => {
    await (await project.app.getProject()).updateConfig(changes);
    state.reload();
  };
  return <ProjectConfigContext.Provider value={{ state, update }}>{children}</ProjectConfigContext.Provider>;
}

/** The project's rendered config; `update` writes a change to the environment level and loads the result. */
export function useProjectConfig(): ProjectConfigValue {
  const value = useContext(ProjectConfigContext);
  if (!value) throw new Error("useProjectConfig must be used inside a project's pages.");
  return value;
}

/**
 * Where the project's app runs (its first trusted domain without a wildcard) and the address of one of its handler
 * pages there, for the links that emails sent from the dashboard open; null until the project has such a domain.
 */
export function useAppPages(): { appUrl: string; handlerPage: (page: string) => string } | null {
  const { state } = useProjectConfig();
  if (state.status !== "ready") return null;
  const domain = trustedDomainsOf(state.data).find((candidate) => !candidate.baseUrl.includes("*"));
  if (!domain) return null;
  const handler = domain.handlerPath.replace(/\/$/, "");
  return { appUrl: domain.baseUrl, handlerPage: (page) => `${domain.baseUrl}${handler}/${page}` };
}
