import { existsSync, readFileSync } from "node:fs";

/**
 * Which documented routes had an answer checked against the OpenAPI document during the run: the backends append
 * `METHOD /path status` to the file for each route and status that passed. Returns the lines to print.
 */
export async function describeCheckedRoutes(backendUrl: string, recordFile: string): Promise<string[]> {
  const doc = (await (await fetch(`${backendUrl}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
  const lines = existsSync(recordFile) ? readFileSync(recordFile, "utf8").split("\n").filter(Boolean) : [];
  const checked = new Set(lines.map((line) => line.slice(0, line.lastIndexOf(" "))));
  const never = documented.filter((route) => !checked.has(route)).sort();
  return [
    `responses validated: ${documented.length - never.length} routes of ${documented.length}`,
    ...(never.length > 0 ? [`routes never exercised: ${never.join(", ")}`] : []),
  ];
}
