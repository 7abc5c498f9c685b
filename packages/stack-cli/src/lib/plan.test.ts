import { describe, expect, it } from "vitest";
import { envEntries, mergeEnv, planFiles } from "./plan";

describe("planFiles", () => {
  const files = [
    { path: "a.ts", content: "A\n" },
    { path: "b.ts", content: "B\n" },
    { path: "layout.tsx", content: "L\n", marker: "HexclaveProvider" },
    { path: "page.tsx", content: "P\n", marker: "HexclaveHandler" },
  ];
  it("creates missing files, skips identical ones and hand-set-up ones, flags the rest", () => {
    const existing: Record<string, string> = { "/d/b.ts": "B\n", "/d/layout.tsx": "<HexclaveProvider app={x}>", "/d/page.tsx": "mine" };
    const planned = planFiles("/d", files, (path) => existing[path] ?? null);
    expect(planned.map((f) => [f.path, f.state])).toEqual([
      ["a.ts", "create"],
      ["b.ts", "same"],
      ["layout.tsx", "set-up"],
      ["page.tsx", "conflict"],
    ]);
  });
  it("plans nothing on a second run over its own output", () => {
    const written = Object.fromEntries(files.map((f) => [`/d/${f.path}`, f.content]));
    expect(planFiles("/d", files, (path) => written[path] ?? null).every((f) => f.state === "same")).toBe(true);
  });
});

describe("env", () => {
  const names = { projectId: "P", publishableClientKey: "K", apiUrl: "U", secretServerKey: "S" };
  it("lists the values given and leaves the others empty", () => {
    expect(envEntries(names, { projectId: "p1", apiUrl: "http://api" })).toEqual([["U", "http://api"], ["P", "p1"], ["K", ""], ["S", ""]]);
    expect(envEntries({ ...names, secretServerKey: undefined }, {})).toHaveLength(3);
  });
  it("creates the file when there is none", () => {
    const merged = mergeEnv(null, [["P", "p1"], ["K", ""]]);
    expect(merged.added).toEqual(["P", "K"]);
    expect(merged.content).toMatch(/\nP=p1\nK=\n$/);
  });
  it("appends only missing keys and keeps existing values", () => {
    const merged = mergeEnv("# mine\nexport P=mine\nOTHER=1", [["P", "p1"], ["K", "k1"]]);
    expect(merged.added).toEqual(["K"]);
    expect(merged.content).toBe("# mine\nexport P=mine\nOTHER=1\nK=k1\n");
  });
  it("changes nothing when every key is there", () => {
    const once = mergeEnv(null, [["P", "p1"]]).content;
    expect(mergeEnv(once, [["P", "other"]])).toEqual({ content: once, added: [] });
  });
});
