import { spawn } from "node:child_process";
import { BACKEND_DIR, freePort } from "./backend-process";

export type RefusedStart = { code: number | null; stderr: string; answered: boolean };

/**
 * Starts the backend with exactly this environment (a variable given as undefined is removed) and waits for it to
 * exit; fails the test if it stays up. `answered` says whether anything served on its port meanwhile.
 */
export async function startExpectingExit(env: Record<string, string | undefined>): Promise<RefusedStart> {
  const port = await freePort();
  // The port under both names, so a twin in the runner's shell cannot send the backend elsewhere than `answered` looks.
  const childEnv: Record<string, string | undefined> = { ...env, STACK_BACKEND_PORT: String(port), HEXCLAVE_BACKEND_PORT: String(port), HOST: "127.0.0.1" };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], { cwd: BACKEND_DIR, env: childEnv, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The backend kept running with ${JSON.stringify(env)}.`));
    }, 45_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const answered = await fetch(`http://127.0.0.1:${port}/health`).then(
    () => true,
    () => false,
  );
  return { code, stderr, answered };
}
