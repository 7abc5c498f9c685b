import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

export type PasswordHashSettings = { memoryCost: number; timeCost: number; parallelism: number };
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

const BCRYPT = /^\$2[abxy]\$\d\d\$/;

// Hashes an import may bring, in full Modular Crypt Format: bcrypt as `$2a$`/`$2b$`/`$2y$`, cost, then 53 characters of
// salt and digest; argon2 as a PHC string. Costs are bounded because each sign-in pays them: an imported hash with a
// huge cost would let one request occupy the server (Stack Auth's API refuses bcrypt costs above 16 for that reason).
const IMPORTABLE_BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const IMPORTABLE_ARGON2 = /^\$argon2(?:id|i|d)\$v=(?:16|19)\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}$/;
const MAX_BCRYPT_COST = 16;
const MAX_ARGON2 = { memoryKib: 262_144, timeCost: 16, parallelism: 16 };

/** Whether a hash brought by an import is one this server verifies, at a cost it is willing to pay. */
export function isImportablePasswordHash(value: string): boolean {
  const bcryptHash = IMPORTABLE_BCRYPT.exec(value);
  if (bcryptHash) {
    const cost = Number(bcryptHash[1]);
    return cost >= 4 && cost <= MAX_BCRYPT_COST;
  }
  const argon2Hash = IMPORTABLE_ARGON2.exec(value);
  if (!argon2Hash) return false;
  const [memoryKib, timeCost, parallelism] = argon2Hash.slice(1).map(Number) as [number, number, number];
  const within = (value: number, min: number, max: number) => value >= min && value <= max;
  return within(parallelism, 1, MAX_ARGON2.parallelism) && within(timeCost, 1, MAX_ARGON2.timeCost) && within(memoryKib, 8 * parallelism, MAX_ARGON2.memoryKib);
}

export function createPasswordHasher(settings: PasswordHashSettings) {
  // Algorithm.Argon2id; the enum is a const enum that isolated modules cannot read.
  const options = { algorithm: 2, ...settings };
  let dummyHash: Promise<string> | undefined;

  return {
    hash: (password: string) => hash(password, options),

    /** Verifies argon2 hashes, and bcrypt ones from imported users (which then want a rehash). */
    async verify(passwordHash: string, password: string): Promise<boolean> {
      if (BCRYPT.test(passwordHash)) return bcrypt.compare(password, passwordHash);
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },

    needsRehash: (passwordHash: string) => !passwordHash.startsWith("$argon2id$"),

    /** Spends the same work as a real check, so timing does not reveal whether an account exists. */
    async verifyDummy(password: string): Promise<void> {
      dummyHash ??= hash("hexclave-dummy-password", options);
      await verify(await dummyHash, password).catch(() => false);
    },

    isModularCryptHash: isImportablePasswordHash,
  };
}
