// Password hashes per second with the backend's argon2id settings, using the same libuv thread pool.
import { hash } from "@node-rs/argon2";

const memoryCost = Number(process.env.STACK_PASSWORD_HASH_MEMORY_KIB ?? 19456);
const timeCost = Number(process.env.STACK_PASSWORD_HASH_ITERATIONS ?? 2);
const seconds = Number(process.env.HASH_SECONDS ?? 8);
const concurrency = 8;

let done = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      await hash(`password-${done}`, { algorithm: 2, memoryCost, timeCost, parallelism: 1 });
      done++;
    }
  }),
);
console.log(JSON.stringify({ hashesPerSecond: done / ((Date.now() - started) / 1000) }));
