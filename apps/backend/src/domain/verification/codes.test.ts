import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices } from "../../testing/test-services";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { findVerificationCodeRow, generateVerificationCode, insertVerificationCode, pruneExpiredVerificationCodes } from "./codes";

let services: Awaited<ReturnType<typeof createTestServices>>;
let tenancy: Tenancy;

beforeAll(async () => {
  services = await createTestServices();
  const project = await createProject(services.db, { display_name: "codes", owner_team_id: null });
  tenancy = (await services.projects.getTenancy(project.id))!;
});
afterAll(() => services.close());

describe("pruneExpiredVerificationCodes", () => {
  it("deletes codes a day past their expiry, and keeps live and freshly expired ones", async () => {
    const make = async (lifetimeMillis: number) => {
      const code = generateVerificationCode();
      await insertVerificationCode(services.db, tenancy, { type: "passkey_authentication", code, data: {}, lifetimeMillis });
      return code;
    };
    const longGone = await make(-25 * 3600 * 1000);
    const justExpired = await make(-60 * 1000);
    const live = await make(60 * 1000);
    await pruneExpiredVerificationCodes(services.db);
    const rowOf = (code: string) => findVerificationCodeRow(services.db, tenancy, { type: "passkey_authentication", code });
    expect(await rowOf(longGone)).toBeNull();
    expect(await rowOf(justExpired)).not.toBeNull();
    expect(await rowOf(live)).not.toBeNull();
  });
});
