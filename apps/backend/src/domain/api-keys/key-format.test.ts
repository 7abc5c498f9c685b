import { randomUUID } from "node:crypto";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { API_KEY_MARKER, findApiKeys, generateApiKey, lastFourOf, parseApiKey } from "./key-format";

const id = "0b7f3c52-8d7e-4b43-9a55-2f0f1c2d3e4f";

/** Re-computes the checksum, so a test can change a part and still present a well-formed key. */
function withChecksum(body: string): string {
  return body + crc32(body).toString(16).padStart(8, "0");
}

describe("generateApiKey", () => {
  it("lays out prefix, secret, id, type, flag, marker and checksum as Stack Auth lays them out", () => {
    const key = generateApiKey({ id, type: "user", isPublic: false });
    expect(key).toMatch(new RegExp(`^sk_[a-z2-7]{45}0b7f3c528d7e4b439a552f0f1c2d3e4fuser1${API_KEY_MARKER}[0-9a-f]{8}$`));
    expect(key.slice(-8)).toBe(crc32(key.slice(0, -8)).toString(16).padStart(8, "0"));
  });

  it("marks public keys with the pk prefix and the public bit", () => {
    const key = generateApiKey({ id, type: "team", isPublic: true });
    expect(key.startsWith("pk_")).toBe(true);
    expect(key).toContain(`team3${API_KEY_MARKER}`);
  });

  it("uses a fresh secret every time", () => {
    expect(generateApiKey({ id, type: "user", isPublic: false })).not.toBe(generateApiKey({ id, type: "user", isPublic: false }));
  });
});

describe("parseApiKey", () => {
  it("reads back what was generated", () => {
    const key = generateApiKey({ id, type: "team", isPublic: false });
    expect(parseApiKey(key)).toEqual({ value: key, id, type: "team", isPublic: false, isSelfHosted: true });
  });

  it("reads keys minted by a cloud deployment (self-hosted bit clear)", () => {
    const key = withChecksum(`sk_${"a".repeat(45)}${id.replaceAll("-", "")}user0${API_KEY_MARKER}`);
    expect(parseApiKey(key)).toMatchObject({ isSelfHosted: false, isPublic: false, type: "user" });
  });

  it("returns null for a key with one character changed, so typos never reach the database", () => {
    const key = generateApiKey({ id, type: "user", isPublic: false });
    const typo = key.slice(0, 10) + (key[10] === "a" ? "b" : "a") + key.slice(11);
    expect(parseApiKey(typo)).toBeNull();
  });

  it("returns null for a wrong checksum, truncation, extra characters and upper case", () => {
    const key = generateApiKey({ id, type: "user", isPublic: false });
    expect(parseApiKey(key.slice(0, -8) + "00000000")).toBeNull();
    expect(parseApiKey(key.slice(0, -1))).toBeNull();
    expect(parseApiKey(`${key}0`)).toBeNull();
    expect(parseApiKey(` ${key}`)).toBeNull();
    expect(parseApiKey(key.toUpperCase())).toBeNull();
    expect(parseApiKey("")).toBeNull();
  });

  it("returns null when the prefix and the public bit disagree", () => {
    const body = `pk_${"a".repeat(45)}${id.replaceAll("-", "")}user1${API_KEY_MARKER}`;
    expect(parseApiKey(withChecksum(body))).toBeNull();
  });

  it("returns null for an unknown type or flag", () => {
    expect(parseApiKey(withChecksum(`sk_${"a".repeat(45)}${id.replaceAll("-", "")}proj1${API_KEY_MARKER}`))).toBeNull();
    expect(parseApiKey(withChecksum(`sk_${"a".repeat(45)}${id.replaceAll("-", "")}user9${API_KEY_MARKER}`))).toBeNull();
  });
});

describe("findApiKeys", () => {
  it("finds valid keys inside other text and ignores look-alikes with a wrong checksum", () => {
    const user = generateApiKey({ id: randomUUID(), type: "user", isPublic: false });
    const team = generateApiKey({ id: randomUUID(), type: "team", isPublic: true });
    const fake = user.slice(0, -8) + "ffffffff";
    const found = findApiKeys(`api_key=${user}&next=/x?k=${team}&other=${fake} and ${user} again`);
    expect(found.map((key) => key.value)).toEqual([user, team]);
  });

  it("finds a key glued to other characters", () => {
    const key = generateApiKey({ id, type: "user", isPublic: false });
    expect(findApiKeys(`Bearer_${key}.`).map((found) => found.value)).toEqual([key]);
  });

  it("finds nothing in text without the marker", () => {
    expect(findApiKeys("limit=10&cursor=abc")).toEqual([]);
  });
});

it("shows the last four characters", () => {
  expect(lastFourOf("sk_abcdef1234")).toBe("1234");
});
