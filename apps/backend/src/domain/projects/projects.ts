import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { projects, tenancies } from "../../db/schema";
import type { TenancyRef } from "../../db/tenant-scope";
import { listTeamIdsOfUser } from "../teams/memberships";
import { NEW_PROJECT_OVERRIDE, type ProjectConfig, flattenOverride, mergeOverride, renderConfig } from "./config";
import { overridesOf, patchConfigOverride, renderOverrides } from "./config-overrides";
import { validateOverride, validateRenderedConfig } from "./config-validation";
import { type LegacyConfigPatch, legacyConfigToOverride } from "./legacy-config";
import type { ProjectRow, Tenancy } from "./tenancy";

export type ProjectPatch = {
  display_name?: string;
  description?: string | null;
  logo_url?: string | null;
  logo_full_url?: string | null;
  logo_dark_mode_url?: string | null;
  logo_full_dark_mode_url?: string | null;
  is_production_mode?: boolean;
  is_development_environment?: boolean;
  onboarding_status?: string;
  config?: LegacyConfigPatch;
};

function rowChanges(patch: ProjectPatch) {
  const changes = {
    displayName: patch.display_name,
    description: patch.description === null ? "" : patch.description,
    logoUrl: patch.logo_url,
    logoFullUrl: patch.logo_full_url,
    logoDarkModeUrl: patch.logo_dark_mode_url,
    logoFullDarkModeUrl: patch.logo_full_dark_mode_url,
    isProductionMode: patch.is_production_mode,
    isDevelopmentEnvironment: patch.is_development_environment,
    onboardingStatus: patch.onboarding_status,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** Creates a project with its main branch; `id` is only chosen by the caller when seeding. */
export async function createProject(
  db: Database,
  input: ProjectPatch & { display_name: string; owner_team_id: string | null; id?: string; baseOverride?: Record<string, unknown> },
): Promise<ProjectRow> {
  return db.transaction(async (tx) => {
    // The starting settings and any legacy `config` fields are environment settings, as the legacy PATCH writes them.
    const environmentConfigOverride = mergeOverride(flattenOverride(input.baseOverride ?? NEW_PROJECT_OVERRIDE), legacyConfigToOverride(input.config ?? {}));
    validateOverride("environment", environmentConfigOverride);
    validateRenderedConfig(renderConfig({}, {}, environmentConfigOverride));
    const [row] = await tx
      .insert(projects)
      .values({
        id: input.id ?? randomUUID(),
        displayName: input.display_name,
        ownerTeamId: input.owner_team_id,
        ...rowChanges(input),
      })
      .returning();
    await tx.insert(tenancies).values({ projectId: row!.id, branchId: "main", environmentConfigOverride });
    return row!;
  });
}

export async function projectExists(db: Tx, id: string): Promise<boolean> {
  const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id));
  return existing !== undefined;
}

/** Applies a project PATCH; its legacy `config` fields become keys of the environment level of the config. */
export async function updateProject(db: Database, tenancy: Tenancy, patch: ProjectPatch): Promise<{ project: ProjectRow; config: ProjectConfig }> {
  return db.transaction(async (tx) => {
    const config = patch.config ? await patchConfigOverride(tx, tenancy, "environment", legacyConfigToOverride(patch.config)) : tenancy.config;
    const changes = rowChanges(patch);
    if (Object.keys(changes).length === 0) {
      const [current] = await tx.select().from(projects).where(eq(projects.id, tenancy.project.id));
      return { project: current ?? tenancy.project, config };
    }
    const [row] = await tx.update(projects).set(changes).where(eq(projects.id, tenancy.project.id)).returning();
    return { project: row!, config };
  });
}

/** The effective config of a project's main branch, read from the database rather than the cache. */
export async function loadMainConfig(db: Tx, project: ProjectRow): Promise<ProjectConfig> {
  const [row] = await db.select().from(tenancies).where(and(eq(tenancies.projectId, project.id), eq(tenancies.branchId, "main")));
  return row ? renderOverrides(overridesOf(project, row)) : renderConfig(project.configOverride);
}

export async function getProjectRow(db: Tx, id: string): Promise<ProjectRow | null> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  return row ?? null;
}

/** Hands a project to another team of the internal project; that team's members manage it from now on. */
export async function transferProject(db: Tx, projectId: string, newTeamId: string): Promise<void> {
  await db.update(projects).set({ ownerTeamId: newTeamId }).where(eq(projects.id, projectId));
}

export async function deleteProject(db: Tx, projectId: string): Promise<void> {
  await db.delete(projects).where(eq(projects.id, projectId));
}

/** Projects owned by any team the internal-project user belongs to, each with its main branch's config. */
export async function listProjectsManagedBy(db: Tx, internalTenancy: TenancyRef, userId: string): Promise<{ project: ProjectRow; config: ProjectConfig }[]> {
  const teamIds = (await listTeamIdsOfUser(db, internalTenancy, userId)).map((row) => row.teamId);
  if (teamIds.length === 0) return [];
  const rows = await db
    .select({ project: projects, tenancy: tenancies })
    .from(projects)
    .innerJoin(tenancies, and(eq(tenancies.projectId, projects.id), eq(tenancies.branchId, "main")))
    .where(inArray(projects.ownerTeamId, teamIds))
    .orderBy(projects.createdAt);
  return rows.map((row) => ({ project: row.project, config: renderOverrides(overridesOf(row.project, row.tenancy)) }));
}
