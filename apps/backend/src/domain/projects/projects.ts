import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { projects, tenancies } from "../../db/schema";
import type { TenancyRef } from "../../db/tenant-scope";
import { listTeamIdsOfUser } from "../teams/memberships";
import { NEW_PROJECT_OVERRIDE, mergeOverride } from "./config";
import { type LegacyConfigPatch, legacyConfigToOverride } from "./legacy-config";
import type { ProjectRow } from "./tenancy";

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
    const override = mergeOverride(input.baseOverride ?? NEW_PROJECT_OVERRIDE, legacyConfigToOverride(input.config ?? {}));
    const [row] = await tx
      .insert(projects)
      .values({
        id: input.id ?? randomUUID(),
        displayName: input.display_name,
        ownerTeamId: input.owner_team_id,
        configOverride: override,
        ...rowChanges(input),
      })
      .returning();
    await tx.insert(tenancies).values({ projectId: row!.id, branchId: "main" });
    return row!;
  });
}

export async function projectExists(db: Tx, id: string): Promise<boolean> {
  const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id));
  return existing !== undefined;
}

export async function updateProject(db: Tx, project: ProjectRow, patch: ProjectPatch): Promise<ProjectRow> {
  const changes = rowChanges(patch);
  const configOverride = patch.config ? mergeOverride(project.configOverride, legacyConfigToOverride(patch.config)) : undefined;
  if (Object.keys(changes).length === 0 && !configOverride) return project;
  const [row] = await db
    .update(projects)
    .set({ ...changes, ...(configOverride ? { configOverride } : {}) })
    .where(eq(projects.id, project.id))
    .returning();
  return row!;
}

export async function deleteProject(db: Tx, projectId: string): Promise<void> {
  await db.delete(projects).where(eq(projects.id, projectId));
}

/** Projects owned by any team the internal-project user belongs to. */
export async function listProjectsManagedBy(db: Tx, internalTenancy: TenancyRef, userId: string): Promise<ProjectRow[]> {
  const teamIds = (await listTeamIdsOfUser(db, internalTenancy, userId)).map((row) => row.teamId);
  if (teamIds.length === 0) return [];
  return db.select().from(projects).where(inArray(projects.ownerTeamId, teamIds)).orderBy(projects.createdAt);
}
