import type { Tenancy } from "../projects/tenancy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices } from "../../testing/test-services";
import { createProject } from "../projects/projects";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";

let services: Awaited<ReturnType<typeof createTestServices>>;
let tenancy: Tenancy;
const ids: string[] = [];

beforeAll(async () => {
  services = await createTestServices();
  const project = await createProject(services.db, { display_name: "list", owner_team_id: null });
  tenancy = (await services.projects.getTenancy(project.id))!;
  for (const name of ["Ada", "Grace", "Linus", "Barbara", "Ken_50%"]) {
    // PGlite's clock can give two sign-ups in a row the same instant, and then their order is the ids' random one.
    await new Promise((resolve) => setTimeout(resolve, 3));
    ids.push((await createUser(services.db, tenancy, { displayName: name, primaryEmail: `${name.slice(0, 3).toLowerCase()}@example.com` })).user.row.id);
  }
  // Another project's users never show up.
  const other = (await services.projects.getTenancy((await createProject(services.db, { display_name: "other", owner_team_id: null })).id))!;
  await createUser(services.db, other, { displayName: "Ada elsewhere" });
});
afterAll(() => services.close());

const base = () => ({ includeAnonymous: false, includeRestricted: false, onlyAnonymous: false });

describe("listUsers", () => {
  it("pages in sign-up order with the next page's first id as cursor", async () => {
    const first = await listUsers(services.db, tenancy, { ...base(), limit: 2 });
    expect(first.items.map((u) => u.row.id)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toBe(ids[2]);
    const second = await listUsers(services.db, tenancy, { ...base(), limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((u) => u.row.id)).toEqual(ids.slice(2, 4));
    const last = await listUsers(services.db, tenancy, { ...base(), limit: 2, cursor: second.nextCursor! });
    expect(last.items.map((u) => u.row.id)).toEqual(ids.slice(4));
    expect(last.nextCursor).toBeNull();
  });

  it("reverses with desc", async () => {
    const page = await listUsers(services.db, tenancy, { ...base(), desc: true });
    expect(page.items.map((u) => u.row.id)).toEqual([...ids].reverse());
  });

  it("searches display names and emails case-insensitively, treating % and _ literally", async () => {
    expect((await listUsers(services.db, tenancy, { ...base(), query: "grace" })).items.map((u) => u.row.id)).toEqual([ids[1]]);
    expect((await listUsers(services.db, tenancy, { ...base(), query: "LIN@EXAMPLE" })).items.map((u) => u.row.id)).toEqual([ids[2]]);
    expect((await listUsers(services.db, tenancy, { ...base(), query: "_50%" })).items.map((u) => u.row.id)).toEqual([ids[4]]);
    expect((await listUsers(services.db, tenancy, { ...base(), query: "%" })).items.map((u) => u.row.id)).toEqual([ids[4]]);
  });

  it("finds a user by exact id", async () => {
    expect((await listUsers(services.db, tenancy, { ...base(), query: ids[3]! })).items.map((u) => u.row.id)).toEqual([ids[3]]);
  });
});

describe("listUsers in a project that restricts unverified users", () => {
  it("leaves out users without a verified primary email unless restricted users are asked for", async () => {
    const strict = (await services.projects.getTenancy((await createProject(services.db, { display_name: "strict", owner_team_id: null })).id))!;
    const verified = (await createUser(services.db, strict, { primaryEmail: "ok@example.com", primaryEmailVerified: true })).user.row.id;
    const unverified = (await createUser(services.db, strict, { primaryEmail: "later@example.com" })).user.row.id;
    const emailless = (await createUser(services.db, strict, {})).user.row.id;
    const ids = async (options: Partial<Parameters<typeof listUsers>[2]>) =>
      (await listUsers(services.db, strict, { ...base(), restrictUnverified: true, ...options })).items.map((u) => u.row.id).sort();
    expect(await ids({})).toEqual([verified]);
    expect(await ids({ includeRestricted: true })).toEqual([verified, unverified, emailless].sort());
    expect(await ids({ includeAnonymous: true })).toEqual([verified, unverified, emailless].sort());
  });
});
