import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import { createTestServices } from "../../testing/test-services";
import type { Tenancy } from "../projects/tenancy";
import { getSessionByRefreshToken } from "../sessions/sessions";
import { createUser } from "../users/create-user";
import { getUserRecord } from "../users/user-record";
import { signInWithPassword, signUpWithPassword } from "./password-auth";
import { setPassword, updatePassword } from "./password-change";
import { passwordAuthDepsOf } from "../../services";

let services: Awaited<ReturnType<typeof createTestServices>>;
let internal: Tenancy;

beforeAll(async () => {
  services = await createTestServices();
  internal = (await services.projects.getTenancy("internal"))!;
});
afterAll(() => services.close());

async function signedUp(email: string) {
  const tokens = await signUpWithPassword(services.db, internal, { email, password: "first password" }, { ...passwordAuthDepsOf(services), anonymousUser: null });
  const user = (await getUserRecord(services.db, internal, tokens.user_id))!;
  return { tokens, user };
}

const device = { ip: "203.0.113.7", userAgent: "unit test" };

const sessionCount = async (userId: string) =>
  (await services.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe("updatePassword", () => {
  it("keeps the named session and deletes the user's others", async () => {
    const { tokens, user } = await signedUp("update@example.com");
    await signInWithPassword(services.db, internal, { email: "update@example.com", password: "first password" }, passwordAuthDepsOf(services));
    expect(await sessionCount(user.row.id)).toBe(2);
    const kept = await getSessionByRefreshToken(services.db, internal, tokens.refresh_token);
    await updatePassword(services.db, internal, user, { oldPassword: "first password", newPassword: "second password", keepRefreshToken: tokens.refresh_token, device }, services.passwords);
    const left = await services.db.select().from(sessions).where(eq(sessions.userId, user.row.id));
    expect(left.map((session) => session.id)).toEqual([kept!.id]);
  });

  it("refuses a wrong old password before hashing the new one, and keeps every session", async () => {
    const { user } = await signedUp("wrong-old@example.com");
    await expect(updatePassword(services.db, internal, user, { oldPassword: "not it at all", newPassword: "second password", device }, services.passwords)).rejects.toMatchObject({
      code: "PASSWORD_CONFIRMATION_MISMATCH",
    });
    expect(await sessionCount(user.row.id)).toBe(1);
  });

  it("does not keep a session of another user named by the refresh token", async () => {
    const { user } = await signedUp("victim@example.com");
    const other = await signedUp("someone-else@example.com");
    await updatePassword(services.db, internal, user, { oldPassword: "first password", newPassword: "second password", keepRefreshToken: other.tokens.refresh_token, device }, services.passwords);
    expect(await sessionCount(user.row.id)).toBe(0);
    expect(await sessionCount(other.user.row.id)).toBe(1);
  });
});

describe("setPassword", () => {
  it("sets a first password, then refuses a second", async () => {
    const { user } = await createUser(services.db, internal, { primaryEmail: "nopassword@example.com", primaryEmailAuthEnabled: true });
    await setPassword(services.db, internal, user, { password: "a first password", device }, services.passwords);
    await expect(signInWithPassword(services.db, internal, { email: "nopassword@example.com", password: "a first password" }, passwordAuthDepsOf(services))).resolves.toMatchObject({
      user_id: user.row.id,
    });
    await expect(setPassword(services.db, internal, user, { password: "another password", device }, services.passwords)).rejects.toMatchObject({ status: 400 });
  });
});
