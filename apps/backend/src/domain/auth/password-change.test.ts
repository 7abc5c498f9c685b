import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import { createTestServices } from "../../testing/test-services";
import type { ResolvedProject } from "../projects/project-cache";
import { getSessionByRefreshToken } from "../sessions/sessions";
import { createUser } from "../users/create-user";
import { getUserRecord } from "../users/user-record";
import { signInWithPassword, signUpWithPassword } from "./password-auth";
import { setPassword, updatePassword } from "./password-change";

let services: Awaited<ReturnType<typeof createTestServices>>;
let internal: ResolvedProject;

beforeAll(async () => {
  services = await createTestServices();
  internal = (await services.projects.get("internal"))!;
});
afterAll(() => services.close());

async function signedUp(email: string) {
  const tokens = await signUpWithPassword(services, internal, { email, password: "first password" });
  const user = (await getUserRecord(services.db, internal.tenancyId!, tokens.user_id))!;
  return { tokens, user };
}

const sessionCount = async (userId: string) =>
  (await services.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe("updatePassword", () => {
  it("keeps the named session and deletes the user's others", async () => {
    const { tokens, user } = await signedUp("update@example.com");
    await signInWithPassword(services, internal, { email: "update@example.com", password: "first password" });
    expect(await sessionCount(user.row.id)).toBe(2);
    const kept = await getSessionByRefreshToken(services.db, internal.tenancyId!, tokens.refresh_token);
    await updatePassword(services, internal, user, { oldPassword: "first password", newPassword: "second password", keepRefreshToken: tokens.refresh_token });
    const left = await services.db.select().from(sessions).where(eq(sessions.userId, user.row.id));
    expect(left.map((session) => session.id)).toEqual([kept!.id]);
  });

  it("refuses a wrong old password before hashing the new one, and keeps every session", async () => {
    const { user } = await signedUp("wrong-old@example.com");
    await expect(updatePassword(services, internal, user, { oldPassword: "not it at all", newPassword: "second password" })).rejects.toMatchObject({
      code: "PASSWORD_CONFIRMATION_MISMATCH",
    });
    expect(await sessionCount(user.row.id)).toBe(1);
  });

  it("does not keep a session of another user named by the refresh token", async () => {
    const { user } = await signedUp("victim@example.com");
    const other = await signedUp("someone-else@example.com");
    await updatePassword(services, internal, user, { oldPassword: "first password", newPassword: "second password", keepRefreshToken: other.tokens.refresh_token });
    expect(await sessionCount(user.row.id)).toBe(0);
    expect(await sessionCount(other.user.row.id)).toBe(1);
  });
});

describe("setPassword", () => {
  it("sets a first password, then refuses a second", async () => {
    const { user } = await createUser(services.db, internal, { primaryEmail: "nopassword@example.com", primaryEmailAuthEnabled: true });
    await setPassword(services, internal, user, "a first password");
    await expect(signInWithPassword(services, internal, { email: "nopassword@example.com", password: "a first password" })).resolves.toMatchObject({
      user_id: user.row.id,
    });
    await expect(setPassword(services, internal, user, "another password")).rejects.toMatchObject({ status: 400 });
  });
});
