import { type SQL, eq, getTableColumns, getTableName } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../domain/api-keys/api-keys";
import { replaceRecoveryCodes } from "../domain/auth/recovery-codes";
import { recordSignInFailure } from "../domain/auth/sign-in-guard";
import { enqueueEmail } from "../domain/emails/outbox";
import { createProject } from "../domain/projects/projects";
import type { Tenancy } from "../domain/projects/tenancy";
import { createTeam } from "../domain/teams/teams";
import { createUser } from "../domain/users/create-user";
import { insertLinkedAccount } from "../domain/oauth/linked-accounts";
import { storeProviderTokens } from "../domain/oauth/provider-tokens";
import { generateVerificationCode, insertVerificationCode } from "../domain/verification/codes";
import { createTestServices } from "../testing/test-services";
import { createEndpoint } from "../domain/webhooks/endpoints";
import { cliAuthAttempts, dataVaultEntries, passkeyCredentials, projectPermissionGrants, teamPermissionGrants } from "./schema";
import { TENANT_TABLES, type TenantTable, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "./tenant-scope";

let services: Awaited<ReturnType<typeof createTestServices>>;
let tenancyA: Tenancy;
let tenancyB: Tenancy;

/** One row in every tenant-owned table of the tenancy, made the way the app makes them where a domain function exists. */
async function populate(tenancy: Tenancy, label: string): Promise<void> {
  const { db } = services;
  const { user } = await createUser(db, tenancy, { primaryEmail: `${label}@example.com`, primaryEmailAuthEnabled: true, passwordHash: "$argon2id$x" }, { openSession: true });
  const team = await createTeam(db, tenancy, { displayName: `${label} team`, creatorUserId: user.row.id });
  await insertInTenancy(db, tenancy, teamPermissionGrants, { teamId: team.id, userId: user.row.id, permissionId: "$read_members" });
  await insertInTenancy(db, tenancy, projectPermissionGrants, { userId: user.row.id, permissionId: "admin" });
  await createApiKey(db, tenancy, { owner: { type: "user", userId: user.row.id }, description: label, expiresAt: null, isPublic: false });
  await insertVerificationCode(db, tenancy, { type: "password_reset", code: generateVerificationCode(), data: { user_id: user.row.id } });
  await enqueueEmail(db, tenancy, { kind: "test", to: `${label}@example.com`, email: { subject: label, html: label, text: label } });
  await insertInTenancy(db, tenancy, cliAuthAttempts, { pollingCodeHash: `${label}-poll`, loginCodeHash: `${label}-login`, expiresAt: new Date(Date.now() + 60_000) });
  await recordSignInFailure(db, tenancy, { identifier: `${label}@example.com`, clientIp: null }, tenancy.config.auth.signInGuard);
  const link = await insertLinkedAccount(db, tenancy, user.row.id, { providerConfigId: "github", providerAccountId: label, email: null, allowSignIn: true, allowConnectedAccounts: true });
  await storeProviderTokens(db, tenancy, "test-secret", link.id, { accessToken: label, refreshToken: null, scopes: [], expiresAt: null });
  await insertInTenancy(db, tenancy, passkeyCredentials, { userId: user.row.id, credentialId: `${label}-credential`, publicKey: label });
  const withTotp = { ...user, row: { ...user.row, totpSecret: "sealed" } };
  await db.transaction((tx) => replaceRecoveryCodes(tx, tenancy, withTotp, "test-secret"));
  await insertInTenancy(db, tenancy, dataVaultEntries, { storeId: "store", keyDigest: `${label}-key`, sealedValue: label });
  // An endpoint first, so the team's event is queued for it: one row in each webhook table.
  await createEndpoint(db, tenancy, "test-secret", { url: `https://${label}.example.com/hook` });
  await createTeam(db, tenancy, { displayName: `${label} webhook team`, creatorUserId: null });
}

beforeAll(async () => {
  services = await createTestServices();
  for (const name of ["A", "B"]) await createProject(services.db, { id: `scope-${name}`, display_name: name, owner_team_id: null });
  tenancyA = (await services.projects.getTenancy("scope-A"))!;
  tenancyB = (await services.projects.getTenancy("scope-B"))!;
  await populate(tenancyA, "a");
  await populate(tenancyB, "b");
});
afterAll(() => services.close());

/** Conditions that name exactly this row: its primary key columns. */
function primaryKeyOf(table: TenantTable, row: Record<string, unknown>): SQL[] {
  const columns = getTableColumns(table);
  const composite = getTableConfig(table).primaryKeys[0]?.columns.map((column) => column.name);
  const keyNames = Object.entries(columns)
    .filter(([, column]) => (composite ? composite.includes(column.name) : column.primary))
    .map(([name]) => name);
  expect(keyNames.length).toBeGreaterThan(0);
  return keyNames.map((name) => eq(columns[name]!, row[name]));
}

async function rowsOf(table: TenantTable, tenancy: Tenancy) {
  // The test itself reads across tenancies, to know what is there.
  const rows = (await services.db.select().from(table as never)) as Record<string, unknown>[];
  return rows.filter((row) => row.tenancyId === tenancy.id);
}

describe.each(TENANT_TABLES.map((table) => [getTableName(table), table] as const))("the tenancy scope on %s", (_name, table) => {
  it("reads only the tenancy's own rows", async () => {
    const ownRows = await rowsOf(table, tenancyA);
    const scoped = (await services.db.select().from(table as never).where(inTenancy(tenancyA, table))) as Record<string, unknown>[];
    expect(ownRows.length).toBeGreaterThan(0);
    expect((await rowsOf(table, tenancyB)).length).toBeGreaterThan(0);
    expect(scoped.map((row) => row.tenancyId)).toEqual(ownRows.map(() => tenancyA.id));
  });

  it("cannot read, update or delete another tenancy's row, even named by its primary key", async () => {
    const [other] = await rowsOf(table, tenancyB);
    const key = primaryKeyOf(table, other!);
    expect(await services.db.select().from(table as never).where(inTenancy(tenancyA, table, ...key))).toEqual([]);
    expect(await updateInTenancy(services.db, tenancyA, table, { tenancyId: tenancyA.id } as never, key[0], ...key.slice(1)).returning()).toEqual([]);
    expect(await deleteInTenancy(services.db, tenancyA, table, key[0], ...key.slice(1)).returning()).toEqual([]);
    expect(await rowsOf(table, tenancyB)).toContainEqual(other);
  });
});

it("covers every table with a tenancy column", () => {
  expect(TENANT_TABLES.map(getTableName).sort()).toEqual(
    [
      "cli_auth_attempts",
      "contact_channels",
      "data_vault_entries",
      "email_outbox",
      "mfa_recovery_codes",
      "oauth_accounts",
      "oauth_provider_tokens",
      "passkey_credentials",
      "password_credentials",
      "project_api_keys",
      "project_permission_grants",
      "project_users",
      "sign_in_failures",
      "sessions",
      "team_members",
      "team_permission_grants",
      "teams",
      "verification_codes",
      "webhook_deliveries",
      "webhook_endpoints",
      "webhook_events",
    ].sort(),
  );
});
