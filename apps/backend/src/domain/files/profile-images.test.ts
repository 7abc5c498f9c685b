import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalFileStorage } from "../../lib/file-storage/local-file-storage";
import { StatusError } from "../../lib/status-error";
import { IMAGES, dataUrlOf, pngOf } from "../../testing/images";
import { getStoredImage, storeProfileImage } from "./profile-images";

const dir = mkdtempSync(join(tmpdir(), "hexclave-profile-images-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deps = { files: createLocalFileStorage(dir), apiUrl: "https://api.example.com" };
const storedFiles = () => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => path.includes("."));
const keyOf = (url: string) => url.slice(`${deps.apiUrl}/api/v1/files/`.length);

async function refusal(value: string, allowUrl = true): Promise<StatusError> {
  const error = await storeProfileImage(deps, "user-profile-images", value, { allowUrl }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(StatusError);
  return error as StatusError;
}

describe("storeProfileImage", () => {
  it("leaves an absent or empty value alone and passes null through to clear the image", async () => {
    expect(await storeProfileImage(deps, "user-profile-images", undefined, { allowUrl: false })).toBeUndefined();
    expect(await storeProfileImage(deps, "user-profile-images", null, { allowUrl: false })).toBeNull();
    expect(await storeProfileImage(deps, "user-profile-images", "", { allowUrl: false })).toBeUndefined();
  });

  it("stores an upload and answers the URL our file route serves it at", async () => {
    const url = (await storeProfileImage(deps, "team-profile-images", dataUrlOf(IMAGES.jpeg, "image/jpeg"), { allowUrl: false }))!;
    expect(url).toMatch(/^https:\/\/api\.example\.com\/api\/v1\/files\/team-profile-images\/[0-9a-f]{32}\.jpeg$/);
    const stored = await getStoredImage(deps.files, keyOf(url));
    expect(stored?.contentType).toBe("image/jpeg");
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(IMAGES.jpeg, "base64"))).toBe(true);
  });

  it("gives each upload an address of its own, even for the same bytes", async () => {
    const upload = dataUrlOf(IMAGES.png);
    const first = await storeProfileImage(deps, "user-profile-images", upload, { allowUrl: true });
    const second = await storeProfileImage(deps, "user-profile-images", upload, { allowUrl: true });
    expect(first).not.toBe(second);
  });

  it("keeps a server's http(s) URL as given, and refuses a client's", async () => {
    const url = "https://cdn.example.com/avatars/1.png?size=64";
    expect(await storeProfileImage(deps, "user-profile-images", url, { allowUrl: true })).toBe(url);
    expect(await refusal(url, false)).toMatchObject({ status: 400, message: "Invalid profile image URL" });
  });

  it("refuses values that are neither an image upload nor an http(s) URL", async () => {
    for (const value of ["ftp://example.com/a.png", "javascript:alert(1)", "data:image/not-valid;base64,test", "https://exa mple.com/a.png"]) {
      expect((await refusal(value)).status).toBe(400);
    }
  });

  it("refuses an upload that is not a real image of a sane size, and stores nothing for it", async () => {
    const before = storedFiles().length;
    for (const value of [
      dataUrlOf("%%%"),
      dataUrlOf(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/svg+xml"),
      dataUrlOf(pngOf(5000, 1)),
      dataUrlOf(pngOf(1, 1, 1_000_001)),
    ]) {
      expect((await refusal(value)).status).toBe(400);
    }
    expect(storedFiles().length).toBe(before);
  });
});

describe("getStoredImage", () => {
  it("answers null for keys it does not make, without asking the storage", async () => {
    const files = { put: async () => undefined, get: async () => { throw new Error("asked the storage"); } };
    for (const key of ["user-profile-images/../../etc/passwd", "other-folder/0123456789abcdef0123456789abcdef.png", "user-profile-images/0123456789abcdef0123456789abcdef.svg"]) {
      expect(await getStoredImage(files, key)).toBeNull();
    }
  });

  it("answers null for a well-formed key that holds nothing", async () => {
    expect(await getStoredImage(deps.files, "user-profile-images/0123456789abcdef0123456789abcdef.png")).toBeNull();
  });
});
