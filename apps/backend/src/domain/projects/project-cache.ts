import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { projects, tenancies } from "../../db/schema";
import { isStorableText } from "../../lib/postgres-text";
import { type ProjectConfig, renderConfig } from "./config";
import { overridesOf, renderOverrides } from "./config-overrides";
import type { ProjectRow, Tenancy } from "./tenancy";

/** A project as the request headers name it; `tenancy` is null when the project has no such branch. */
export type ProjectLookup = { project: ProjectRow; config: ProjectConfig; tenancy: Tenancy | null };

// Short enough that a config change made through another instance applies within seconds;
// changes made through this instance invalidate at once.
const TTL_MS = 2000;

export type ProjectCache = ReturnType<typeof createProjectCache>;

export function createProjectCache(db: Database) {
  const entries = new Map<string, { value: ProjectLookup | null; expiresAt: number }>();

  async function load(projectId: string, branchId: string): Promise<ProjectLookup | null> {
    const [row] = await db
      .select({ project: projects, tenancy: tenancies })
      .from(projects)
      .leftJoin(tenancies, and(eq(tenancies.projectId, projects.id), eq(tenancies.branchId, branchId)))
      .where(eq(projects.id, projectId));
    if (!row) return null;
    if (!row.tenancy) return { project: row.project, config: renderConfig(row.project.configOverride), tenancy: null };
    const config = renderOverrides(overridesOf(row.project, row.tenancy));
    return { project: row.project, config, tenancy: { id: row.tenancy.id, branchId, project: row.project, config } };
  }

  return {
    async get(projectId: string, branchId = "main"): Promise<ProjectLookup | null> {
      // Ids reach here from URLs and headers unvalidated; one Postgres cannot store names no project, and asked of the
      // database it would fail the request with a 500.
      if (!isStorableText(projectId) || !isStorableText(branchId)) return null;
      const key = `${projectId}\u0000${branchId}`;
      const entry = entries.get(key);
      if (entry && entry.expiresAt > Date.now()) return entry.value;
      const value = await load(projectId, branchId);
      if (entries.size > 10_000) entries.clear();
      entries.set(key, { value, expiresAt: Date.now() + TTL_MS });
      return value;
    },
    /** The main branch of a project, or null when either does not exist. */
    async getTenancy(projectId: string, branchId = "main"): Promise<Tenancy | null> {
      return (await this.get(projectId, branchId))?.tenancy ?? null;
    },
    invalidate(projectId: string): void {
      for (const key of entries.keys()) if (key.startsWith(`${projectId}\u0000`)) entries.delete(key);
    },
  };
}
