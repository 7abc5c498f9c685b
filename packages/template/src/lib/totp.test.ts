import { describe, expect, it } from "vitest";
import { base32Encode, createTotpSecret, isCurrentTotpCode, totpCode, totpUri } from "./totp.js";

const encoder = new TextEncoder();
// RFC 6238 appendix B's SHA-1 key.
const RFC_SECRET = encoder.encode("12345678901234567890");

describe("TOTP in the browser", () => {
  it.each([
    [59_000, "287082"],
    [1_111_111_109_000, "081804"],
    [1_234_567_890_000, "005924"],
    [20_000_000_000_000, "353130"],
  ])("gives RFC 6238's code at %i ms (its 8 digits cut to 6)", async (at, code) => {
    expect(await totpCode(RFC_SECRET, at)).toBe(code);
  });

  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("writes %j in base32 as %j, without padding (RFC 4648's vectors)", (text, base32) => {
    expect(base32Encode(encoder.encode(text))).toBe(base32);
  });

  it("keeps base32 right for a long input, where a running number would overflow", () => {
    expect(base32Encode(new Uint8Array(40).fill(0xff))).toBe("7".repeat(64));
  });

  it("accepts the code of this step and one step either side, and nothing else", async () => {
    const now = 1_700_000_000_000;
    for (const offset of [-1, 0, 1]) expect(await isCurrentTotpCode(RFC_SECRET, await totpCode(RFC_SECRET, now, offset), now)).toBe(true);
    for (const offset of [-2, 2]) expect(await isCurrentTotpCode(RFC_SECRET, await totpCode(RFC_SECRET, now, offset), now)).toBe(false);
    const spaced = (await totpCode(RFC_SECRET, now)).replace(/^(\d{3})/, "$1 ");
    expect(await isCurrentTotpCode(RFC_SECRET, spaced, now)).toBe(true);
    expect(await isCurrentTotpCode(RFC_SECRET, "12345", now)).toBe(false);
    expect(await isCurrentTotpCode(RFC_SECRET, "abcdef", now)).toBe(false);
  });

  it("makes 20 random bytes per secret", () => {
    const [a, b] = [createTotpSecret(), createTotpSecret()];
    expect(a).toHaveLength(20);
    expect(base32Encode(a)).not.toBe(base32Encode(b));
  });

  it("writes the otpauth URI authenticator apps scan, with issuer and account escaped", () => {
    const uri = totpUri(encoder.encode("foobar"), { issuer: "Acme & Co", account: "ada@example.com" });
    expect(uri).toBe("otpauth://totp/Acme%20%26%20Co:ada%40example.com?secret=MZXW6YTBOI&issuer=Acme%20%26%20Co&algorithm=SHA1&digits=6&period=30");
  });
});
