import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordCredentials } from "../../db/schema";
import { createTestServices } from "../../testing/test-services";
import type { ResolvedProject } from "../projects/project-cache";
import { createUser } from "../users/create-user";
import { signInWithPassword, signUpWithPassword } from "./password-auth";

let services: Awaited<ReturnType<typeof createTestServices>>;
let internal: ResolvedProject;

beforeAll(async () => {
  services = await createTestServices();
  internal = (await services.projects.get("internal"))!;
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
    const tokens = await signInWithPassword(services, internal, { email: "imported@example.com", password: "imported password" });
    expect(tokens.user_id).toBe(user.row.id);
    const [row] = await services.db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.row.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("rejects a wrong password and an unknown email alike", async () => {
    await signUpWithPassword(services, internal, { email: "known@example.com", password: "right password" });
    await expect(signInWithPassword(services, internal, { email: "known@example.com", password: "wrong password" })).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
    await expect(signInWithPassword(services, internal, { email: "nobody@example.com", password: "right password" })).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
  });

  // Guards against bcrypt-style truncation: passwords equal in their first 72 bytes must still differ.
  it("does not accept a password that only shares a long prefix", async () => {
    const prefix = "é".repeat(36);
    await signUpWithPassword(services, internal, { email: "prefix@example.com", password: `${prefix}aaaaaaaa` });
    await expect(signInWithPassword(services, internal, { email: "prefix@example.com", password: `${prefix}bbbbbbbb` })).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
  });
});

describe("password sign-up", () => {
  it("gives internal-project users a personal team they have selected", async () => {
    const tokens = await signUpWithPassword(services, internal, { email: "team@example.com", password: "long enough" });
    const payload = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString());
    expect(payload.selected_team_id).toEqual(expect.any(String));
  });

  it("refuses a second account for the same email in any case", async () => {
    await signUpWithPassword(services, internal, { email: "twice@example.com", password: "long enough" });
    await expect(signUpWithPassword(services, internal, { email: "TWICE@example.com", password: "long enough" })).rejects.toMatchObject({
      code: "USER_EMAIL_ALREADY_EXISTS",
    });
  });

  it("refuses passwords under eight code points", async () => {
    await expect(signUpWithPassword(services, internal, { email: "short@example.com", password: "😀😀😀😀" })).rejects.toMatchObject({
      code: "PASSWORD_TOO_SHORT",
      details: { min_length: 8 },
    });
  });
});
