import type { Framework } from "../detect";
import { nextjs } from "./nextjs";
import { node } from "./node";
import { reactVite } from "./react-vite";
import { tanstackStart } from "./tanstack-start";
import type { Scaffold } from "./types";

export { CONFIG_FILE, type EnvNames, type FileSpec, type Scaffold } from "./types";

export function scaffoldFor(framework: Framework, sdk: string, appDir = "app"): Scaffold {
  if (framework === "nextjs") return nextjs(sdk, appDir);
  if (framework === "tanstack-start") return tanstackStart(sdk);
  if (framework === "react-vite") return reactVite(sdk);
  return node(sdk);
}
