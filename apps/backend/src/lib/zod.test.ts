import { describe, expect, it } from "vitest";
import { lenientEmail, strictEmail } from "./zod";

const accepts = (schema: ReturnType<typeof lenientEmail>, value: string) => schema.safeParse(value).success;

describe("lenientEmail", () => {
  it("takes what the strict format refuses but a server may hold: single-label domains and loose dots", () => {
    for (const value of ["invalid_email@gmai", "a@localhost", "a..b@example.com"]) {
      expect(accepts(lenientEmail(), value), value).toBe(true);
      expect(accepts(strictEmail(), value), value).toBe(false);
    }
    for (const value of [".a@example.com", "a.@example.com"]) expect(accepts(lenientEmail(), value), value).toBe(true);
  });

  it("takes plus addressing and upper case, as the strict format does", () => {
    for (const value of ["A.B+tag@Example.COM", "%!~&+{}=|`#@domain.test"]) expect(accepts(lenientEmail(), value), value).toBe(true);
  });

  it("refuses non-ASCII, quoted or commented local parts, several addresses, and over-long parts", () => {
    const refused = ["ünicode@example.com", '"quoted"@example.com', "a(b)@example.com", "a@b.com,c@d.com", "a@", "@b.com", "a b@c.com", "a@example.com.", `${"a".repeat(65)}@example.com`, `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(63)}`];
    for (const value of refused) expect(accepts(lenientEmail(), value), value).toBe(false);
  });
});
