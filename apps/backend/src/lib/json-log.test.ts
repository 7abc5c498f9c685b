import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redirectLog, toJsonLine, writeLogRecord } from "./json-log";

// OWASP ASVS 16.4.1: what a client sends is encoded in the log, so it can neither forge a line nor drive a terminal.

// Line breaks and terminal controls in any encoding a reader might act on.
function hasLineBreakOrControl(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
  });
}

describe("toJsonLine", () => {
  it("keeps a forged line inside its field: CRLF, ANSI escapes, NEL, LS and CSI are escaped", () => {
    const email = 'eve@example.com\r\n{"log":"security","event":"authentication.succeeded"}\u001b[2J\u0085\u2028\u009b31m';
    const line = toJsonLine({ who: { email } });
    expect(line.endsWith("\n")).toBe(true);
    expect(hasLineBreakOrControl(line.slice(0, -1))).toBe(false);
    expect(line.split("\n")).toHaveLength(2);
    expect(JSON.parse(line)).toEqual({ who: { email } });
  });

  it("writes any record as exactly one line of JSON that reads back equal", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.oneof(fc.string({ unit: "binary" }), fc.integer(), fc.constant(null))), (record) => {
        const line = toJsonLine(record);
        expect(hasLineBreakOrControl(line.slice(0, -1))).toBe(false);
        expect(JSON.parse(line)).toEqual(record);
      }),
      { numRuns: 200 },
    );
  });
});

describe("writeLogRecord", () => {
  it("hands each record to the current writer as one line", () => {
    const lines: string[] = [];
    const restore = redirectLog((line) => lines.push(line));
    try {
      writeLogRecord({ event: "a" });
      writeLogRecord({ event: "b\nc" });
    } finally {
      restore();
    }
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ event: "a" }, { event: "b\nc" }]);
  });
});
