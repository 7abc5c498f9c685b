import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

export type PasswordHashSettings = { memoryCost: number; timeCost: number; parallelism: number };
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

const BCRYPT = /^\$2[abxy]\$\d\d\$/;

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

    isModularCryptHash: (value: string) => BCRYPT.test(value) || value.startsWith("$argon2"),
  };
}
