import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projects, tenancies } from "../../db/schema";
import { type ProjectConfig, flattenOverride, mergeOverride, removeOverrideKeys, renderConfig } from "./config";
import type { ConfigLevel } from "./config-schema";
import { validateOverride, validateRenderedConfig } from "./config-validation";
import type { ProjectRow, Tenancy } from "./tenancy";

type Override = Record<string, unknown>;
export type ConfigOverrides = Record<ConfigLevel, Override>;

export type ConfigSource =
  | { type: "pushed-from-github"; owner: string; repo: string; branch: string; commit_hash: string; config_file_path: string; workflow_path?: string }
  | { type: "pushed-from-unknown" }
  | { type: "unlinked" };

type TenancyRow = typeof tenancies.$inferSelect;

export const overridesOf = (project: ProjectRow, tenancy: Pick<TenancyRow, "branchConfigOverride" | "environmentConfigOverride">): ConfigOverrides => ({
  project: project.configOverride,
  branch: tenancy.branchConfigOverride,
  environment: tenancy.environmentConfigOverride,
});

export const renderOverrides = (overrides: ConfigOverrides): ProjectConfig =>
  renderConfig(overrides.project, overrides.branch, overrides.environment);

/**
 * The stored rows behind a tenancy, locked until the transaction ends: every config change is read-modify-write,
 * and the cached tenancy may be seconds old.
 */
export async function lockConfig(tx: Tx, tenancy: Tenancy): Promise<{ project: ProjectRow; tenancy: TenancyRow; overrides: ConfigOverrides }> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, tenancy.project.id)).for("update");
  const [row] = await tx.select().from(tenancies).where(eq(tenancies.id, tenancy.id)).for("update");
  if (!project || !row) throw new KnownErrors.CurrentProjectNotFound(tenancy.project.id);
  return { project, tenancy: row, overrides: overridesOf(project, row) };
}

async function saveOverride(tx: Tx, tenancy: Tenancy, level: ConfigLevel, override: Override, source?: ConfigSource): Promise<void> {
  if (level === "project") {
    await tx.update(projects).set({ configOverride: override }).where(eq(projects.id, tenancy.project.id));
    return;
  }
  const column = level === "branch" ? { branchConfigOverride: override } : { environmentConfigOverride: override };
  await tx
    .update(tenancies)
    .set({ ...column, ...(source ? { configSource: source } : {}) })
    .where(eq(tenancies.id, tenancy.id));
}

/** Stores a level's new override once it and the config it produces are valid; returns the new effective config. */
async function commitOverride(tx: Tx, tenancy: Tenancy, level: ConfigLevel, next: (current: Override) => Override, source?: ConfigSource) {
  const locked = await lockConfig(tx, tenancy);
  const override = next(locked.overrides[level]);
  const config = renderOverrides({ ...locked.overrides, [level]: override });
  validateRenderedConfig(config);
  await saveOverride(tx, tenancy, level, override, source);
  return config;
}

/** Sets the keys of `changes` in a level's override, leaving its other keys as they are. */
export function patchConfigOverride(tx: Tx, tenancy: Tenancy, level: ConfigLevel, changes: Override): Promise<ProjectConfig> {
  validateOverride(level, changes);
  return commitOverride(tx, tenancy, level, (current) => mergeOverride(current, changes));
}

/** Replaces a level's override; a branch override remembers where it was pushed from. */
export function replaceConfigOverride(tx: Tx, tenancy: Tenancy, level: ConfigLevel, override: Override, source?: ConfigSource): Promise<ProjectConfig> {
  validateOverride(level, override);
  return commitOverride(tx, tenancy, level, () => flattenOverride(override), source);
}

export function resetConfigOverrideKeys(tx: Tx, tenancy: Tenancy, level: ConfigLevel, keys: readonly string[]): Promise<ProjectConfig> {
  return commitOverride(tx, tenancy, level, (current) => removeOverrideKeys(current, keys));
}

export async function readConfigOverrides(tx: Tx, tenancy: Tenancy): Promise<ConfigOverrides & { source: ConfigSource }> {
  const [row] = await tx.select().from(tenancies).where(eq(tenancies.id, tenancy.id));
  const [project] = await tx.select().from(projects).where(eq(projects.id, tenancy.project.id));
  if (!row || !project) throw new KnownErrors.CurrentProjectNotFound(tenancy.project.id);
  return { ...overridesOf(project, row), source: row.configSource as ConfigSource };
}

export async function unlinkConfigSource(tx: Tx, tenancy: Tenancy): Promise<void> {
  await tx.update(tenancies).set({ configSource: { type: "unlinked" } }).where(eq(tenancies.id, tenancy.id));
}
