/**
 * `pnpm release:local`: builds the packages, starts a throwaway verdaccio on 127.0.0.1 and publishes every package
 * under both its @stackframe and its @hexclave name, as the release workflow does, then serves them until Ctrl+C.
 *
 *   --no-build   publish what is already built
 *   --exit       stop the registry (and remove its storage) once published
 *   --uplink     let the registry fetch packages it does not hold from npm (off: it needs no network)
 */
import { execFileSync } from "node:child_process";
import { ROOT } from "./release/built-packages";
import { isolatedNpmArgs, publishBothNameSets, startLocalRegistry } from "./release/local-registry";

async function main(argv: string[]) {
  if (!argv.includes("--no-build")) execFileSync("pnpm", ["build:sdks"], { cwd: ROOT, stdio: "inherit" });
  const registry = await startLocalRegistry({ uplink: argv.includes("--uplink") });
  try {
    const release = await publishBothNameSets(registry, { version: process.env.HEXCLAVE_VERSION || undefined });
    console.log(`Published to ${registry.url}:`);
    for (const [index, from] of release.stackframe.entries()) console.log(`  ${from}  and  ${release.hexclave[index]}`);
  } catch (error) {
    await registry.stop();
    throw error;
  }
  if (argv.includes("--exit")) {
    await registry.stop();
    return;
  }
  console.log(`\nInstall from it with: npm install <name> ${isolatedNpmArgs(registry).join(" ")}\nCtrl+C stops it.`);
  const stop = () => registry.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
