import { describe, expect, it } from "vitest";
import { addImports, addProperty, detectStyle, findClosing } from "./source-edits";

describe("source edits", () => {
  it("adds imports below directives and reference comments when a file has none", () => {
    expect(addImports('"use client";\nexport const a = 1;\n', [{ names: "A", from: "a" }], detectStyle(""))).toBe('"use client";\nimport { A } from "a";\nexport const a = 1;\n');
  });

  it("adds imports after a multi-line one", () => {
    const content = "import {\n  a,\n  b,\n} from 'ab'\n\nrun()\n";
    expect(addImports(content, [{ names: "C", from: "c" }], detectStyle(content))).toBe("import {\n  a,\n  b,\n} from 'ab'\nimport { C } from 'c'\n\nrun()\n");
  });

  it("skips brackets inside strings, template literals and comments", () => {
    const content = '({ a: "}", b: `}`, // }\n c: 1 })';
    expect(findClosing(content, 1)).toBe(content.length - 2);
  });

  it("adds a property to an empty, a one-line and a multi-line object without a trailing comma", () => {
    expect(addProperty("f({})", 2, "x: 1")).toBe("f({ x: 1 })");
    expect(addProperty("f({ a, })", 2, "x: 1")).toBe("f({ a, x: 1 })");
    expect(addProperty("f({\n  a: 1\n})", 2, "x: 1")).toBe("f({\n  a: 1,\n  x: 1\n})");
  });
});
