import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordCredentials } from "../../db/schema";
import { createTestServices } from "../../testing/test-services";
import type { Tenancy } from "../projects/tenancy";
import { createUser } from "../users/create-user";
import { signInWithPassword, signUpWithPassword } from "./password-auth";
import { passwordAuthDepsOf } from "../../services";

let services: Awaited<ReturnType<typeof createTestServices>>;
let internal: Tenancy;

beforeAll(async () => {
  services = await createTestServices();
  internal = (await services.projects.getTenancy("internal"))!;
});
afterAll(() => services.close());

describe("password sign-in", () => {
  it("verifies an imported bcrypt hash and rehashes it with argon2id", async () => {
    const passwordHash = await bcrypt.hash("imported password", 4);
    const { user } = await createUser(services.db, internal, {
      primaryEmail: "imported@example.com",
      primaryEmailAuthEnabled: true,
      passwordHash,
    });
    const tokens = await signInWithPassword(services.db, internal, { email: "imported@example.com", password: "imported password" }, passwordAuthDepsOf(services));
    expect(tokens.user_id).toBe(user.row.id);
    const [row] = await services.db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.row.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("rejects a wrong password and an unknown email alike", async () => {
    await signUpWithPassword(services.db, internal, { email: "known@example.com", password: "right password" }, { ...passwordAuthDepsOf(services), anonymousUser: null });
    await expect(signInWithPassword(services.db, internal, { email: "known@example.com", password: "wrong password" }, passwordAuthDepsOf(services))).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
    await expect(signInWithPassword(services.db, internal, { email: "nobody@example.com", password: "right password" }, passwordAuthDepsOf(services))).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
  });

  // Guards against bcrypt-style truncation: passwords equal in their first 72 bytes must still differ.
  it("does not accept a password that only shares a long prefix", async () => {
    const prefix = "é".repeat(36);
    await signUpWithPassword(services.db, internal, { email: "prefix@example.com", password: `${prefix}aaaaaaaa` }, { ...passwordAuthDepsOf(services), anonymousUser: null });
    await expect(signInWithPassword(services.db, internal, { email: "prefix@example.com", password: `${prefix}bbbbbbbb` }, passwordAuthDepsOf(services))).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
  });
});

describe("password sign-up", () => {
  it("gives internal-project users a personal team they have selected", async () => {
    const tokens = await signUpWithPassword(services.db, internal, { email: "team@example.com", password: "long enough" }, { ...passwordAuthDepsOf(services), anonymousUser: null });
    const payload = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString());
    expect(payload.selected_team_id).toEqual(expect.any(String));
  });

  it("refuses a second account for the same email in any case", async () => {
    await signUpWithPassword(services.db, internal, { email: "twice@example.com", password: "long enough" }, { ...passwordAuthDepsOf(services), anonymousUser: null });
    await expect(signUpWithPassword(services.db, internal, { email: "TWICE@example.com", password: "long enough" }, { ...passwordAuthDepsOf(services), anonymousUser: null })).rejects.toMatchObject({
      code: "USER_EMAIL_ALREADY_EXISTS",
    });
  });

  it("refuses passwords under eight code points", async () => {
    await expect(signUpWithPassword(services.db, internal, { email: "short@example.com", password: "😀😀😀😀" }, { ...passwordAuthDepsOf(services), anonymousUser: null })).rejects.toMatchObject({
      code: "PASSWORD_TOO_SHORT",
      details: { min_length: 8 },
    });
  });
});
