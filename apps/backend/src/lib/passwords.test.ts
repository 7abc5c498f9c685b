import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { createPasswordHasher, isImportablePasswordHash } from "./passwords";

const BCRYPT_HELLO_WORLD = "$2a$13$TVyY/gpw9Db/w1fBeJkCgeNg2Rae2JfNqrPnSAKtj.ufAO5cVF13.";

describe("isImportablePasswordHash", () => {
  it("takes full bcrypt hashes of the $2a$, $2b$ and $2y$ variants", () => {
    for (const variant of ["2a", "2b", "2y"]) expect(isImportablePasswordHash(BCRYPT_HELLO_WORLD.replace("$2a$", `$${variant}$`))).toBe(true);
  });

  it("takes argon2 hashes this server makes", async () => {
    const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    expect(isImportablePasswordHash(await hasher.hash("correct horse"))).toBe(true);
  });

  it("refuses a bcrypt cost above 16, which every sign-in would pay", () => {
    expect(isImportablePasswordHash("$2a$17$VIhIOofSMqGdGlL4wzE//e.77dAQGqNtF/1dT7bqCrVtQuInWy2qi")).toBe(false);
    expect(isImportablePasswordHash(bcrypt.hashSync("pw", 4).replace("$04$", "$31$"))).toBe(false);
  });

  it("refuses an argon2 hash whose memory cost is beyond what the server pays", () => {
    const huge = "$argon2id$v=19$m=4194304,t=1,p=1$cByyDdj4GssiIA5yLPpGQQ$It7tXmom1TJqdWcUI/AjK+G/vVbZaIkrECT9v8LK8sc";
    expect(isImportablePasswordHash(huge)).toBe(false);
    expect(isImportablePasswordHash(huge.replace("m=4194304", "m=1024"))).toBe(true);
  });

  it("refuses what is not a whole hash in Modular Crypt Format", () => {
    for (const value of ["", "hello-world", "$2a$10$short", "$2x$10$TVyY/gpw9Db/w1fBeJkCgeNg2Rae2JfNqrPnSAKtj.ufAO5cVF13.", "$argon2id$garbage", "$1$md5$crypt", `${BCRYPT_HELLO_WORLD}x`]) {
      expect(isImportablePasswordHash(value), value).toBe(false);
    }
  });

  it("verifies the imported bcrypt hash it accepted", async () => {
    const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    expect(await hasher.verify(BCRYPT_HELLO_WORLD, "hello-world")).toBe(true);
  });
});
