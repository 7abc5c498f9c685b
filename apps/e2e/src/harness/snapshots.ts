import { TENANCY_TABLES, sql } from "./rest";

/**
 * Row counts and content hashes of everything one project owns, to prove a rejected request wrote nothing. Activity
 * times and a code's attempt count are left out: a refused guess at a code must be counted (NIST SP 800-63B §3.2.2).
 */
export async function projectSnapshot(projectId: string, ownerTeamId?: string): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};
  for (const table of TENANCY_TABLES) {
    const [row] = await sql(
      `select count(*)::int as n, coalesce(string_agg(h, ',' order by h), '') as h
       from (select md5((to_jsonb(x) - 'last_active_at' - 'last_used_at' - 'attempts')::text) as h
             from ${table} x join tenancies tn on tn.id = x.tenancy_id where tn.project_id = $1) rows`,
      [projectId],
    );
    snapshot[table] = row;
  }
  snapshot.api_key_sets = (await sql("select count(*)::int as n from api_key_sets where project_id = $1", [projectId]))[0];
  snapshot.project = (await sql("select md5(to_jsonb(p)::text) as h from projects p where id = $1", [projectId]))[0];
  if (ownerTeamId) snapshot.owned_projects = (await sql("select count(*)::int as n from projects where owner_team_id = $1", [ownerTeamId]))[0];
  return snapshot;
}
