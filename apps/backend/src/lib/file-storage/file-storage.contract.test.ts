import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileStorage } from "./file-storage";
import { createLocalFileStorage } from "./local-file-storage";
import { type S3Settings, createS3FileStorage } from "./s3-file-storage";

const newKey = (folder = "user-profile-images", extension = "png") => `${folder}/${randomBytes(16).toString("hex")}.${extension}`;

// Keys that must never name a file: they climb out of the folder, or are not of the shape callers make.
const FOREIGN_KEYS = [
  "../secret.png",
  "user-profile-images/../../etc/passwd",
  "/etc/passwd",
  "user-profile-images/..%2f..%2fsecret.png",
  "user-profile-images\\..\\secret.png",
  "user-profile-images/0123456789abcdef0123456789abcdef",
  "User-Profile-Images/0123456789abcdef0123456789abcdef.png",
  "user-profile-images/sub/0123456789abcdef0123456789abcdef.png",
  "user-profile-images/short.png",
  "",
];

/** What every storage must do; each adapter runs the same checks. */
function describeFileStorageContract(name: string, open: () => FileStorage) {
  describe(`${name} file storage`, () => {
    let storage: FileStorage;
    beforeAll(() => {
      storage = open();
    });

    it("answers null for a key that holds nothing", async () => {
      expect(await storage.get(newKey())).toBeNull();
    });

    it("gives back exactly the bytes it was given", async () => {
      const key = newKey();
      const bytes = randomBytes(70_000);
      await storage.put(key, bytes, "image/png");
      expect(Buffer.from((await storage.get(key))!).equals(bytes)).toBe(true);
    });

    it("keeps keys apart, across folders too", async () => {
      const name = randomBytes(16).toString("hex");
      await storage.put(`team-profile-images/${name}.png`, Buffer.from("team"), "image/png");
      await storage.put(`user-profile-images/${name}.png`, Buffer.from("user"), "image/png");
      expect(Buffer.from((await storage.get(`team-profile-images/${name}.png`))!).toString()).toBe("team");
      expect(Buffer.from((await storage.get(`user-profile-images/${name}.png`))!).toString()).toBe("user");
    });

    it("refuses to store under a key it does not make, and finds nothing under one", async () => {
      for (const key of FOREIGN_KEYS) {
        await expect(storage.put(key, Buffer.from("x"), "image/png")).rejects.toThrow(/file key/);
        expect(await storage.get(key)).toBeNull();
      }
    });
  });
}

describe("local", () => {
  const dir = mkdtempSync(join(tmpdir(), "hexclave-files-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describeFileStorageContract("local", () => createLocalFileStorage(join(dir, "files")));

  it("writes only whole files inside its directory, one folder per key folder", async () => {
    const storage = createLocalFileStorage(join(dir, "only"));
    const key = newKey("team-member-profile-images");
    await storage.put(key, Buffer.from("whole"), "image/png");
    expect(readdirSync(join(dir, "only"), { recursive: true, encoding: "utf8" }).sort()).toEqual(["team-member-profile-images", key]);
  });
});

// A real S3-compatible server on loopback, so the adapter is checked through the AWS SDK and HTTP, not against a double.
describe("S3", () => {
  const dir = mkdtempSync(join(tmpdir(), "hexclave-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: "hexclave-files" }] });
  let settings: S3Settings;
  beforeAll(async () => {
    const { port } = await server.run();
    settings = {
      bucket: "hexclave-files",
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    };
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  describeFileStorageContract("S3", () => createS3FileStorage(settings));

  it("stores each object under its key, with its content type", async () => {
    const key = newKey("team-profile-images", "webp");
    await createS3FileStorage(settings).put(key, Buffer.from("webp bytes"), "image/webp");
    const client = new S3Client({ ...settings, forcePathStyle: true });
    const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
    expect(object.ContentType).toBe("image/webp");
    expect(await object.Body!.transformToString()).toBe("webp bytes");
  });

  it("fails loudly when the bucket does not exist, rather than answering as if the file were missing", async () => {
    const storage = createS3FileStorage({ ...settings, bucket: "no-such-bucket" });
    await expect(storage.put(newKey(), Buffer.from("x"), "image/png")).rejects.toThrow();
    await expect(storage.get(newKey())).rejects.toThrow();
  });
});
