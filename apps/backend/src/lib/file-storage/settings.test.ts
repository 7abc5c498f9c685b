import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StartupError } from "../startup-error";
import { loadFileStorageSettings } from "./settings";

afterEach(() => {
  vi.unstubAllEnvs();
});

const S3_VARIABLES = ["BUCKET", "REGION", "ENDPOINT", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY"];

describe("file storage settings", () => {
  it("keeps files under the data dir when nothing is set", () => {
    for (const name of S3_VARIABLES) vi.stubEnv(`STACK_S3_${name}`, "");
    expect(loadFileStorageSettings("/srv/hexclave")).toEqual({ dir: join("/srv/hexclave", "files"), s3: null });
  });

  it("takes the directory from HEXCLAVE_FILE_STORAGE_DIR over STACK_FILE_STORAGE_DIR", () => {
    vi.stubEnv("STACK_FILE_STORAGE_DIR", "/old");
    vi.stubEnv("HEXCLAVE_FILE_STORAGE_DIR", "/new");
    expect(loadFileStorageSettings(".hexclave").dir).toBe("/new");
  });

  it("uses a bucket when one is configured, with keys or the SDK's default credentials", () => {
    vi.stubEnv("STACK_S3_BUCKET", "files");
    vi.stubEnv("HEXCLAVE_S3_REGION", "eu-west-1");
    vi.stubEnv("STACK_S3_ENDPOINT", "http://127.0.0.1:9000/");
    expect(loadFileStorageSettings(".hexclave").s3).toEqual({ bucket: "files", region: "eu-west-1", endpoint: "http://127.0.0.1:9000", credentials: undefined });
    vi.stubEnv("STACK_S3_ACCESS_KEY_ID", "id");
    vi.stubEnv("STACK_S3_SECRET_ACCESS_KEY", "secret");
    expect(loadFileStorageSettings(".hexclave").s3?.credentials).toEqual({ accessKeyId: "id", secretAccessKey: "secret" });
  });

  it("stops the start on half an S3 configuration instead of quietly using the local disk", () => {
    vi.stubEnv("STACK_S3_ENDPOINT", "https://s3.example.com");
    expect(() => loadFileStorageSettings(".hexclave")).toThrow(StartupError);
    vi.stubEnv("STACK_S3_BUCKET", "files");
    vi.stubEnv("STACK_S3_REGION", "us-east-1");
    vi.stubEnv("STACK_S3_ACCESS_KEY_ID", "id");
    expect(() => loadFileStorageSettings(".hexclave")).toThrow(/go together/);
    vi.stubEnv("STACK_S3_SECRET_ACCESS_KEY", "secret");
    vi.stubEnv("STACK_S3_ENDPOINT", "s3.example.com");
    expect(() => loadFileStorageSettings(".hexclave")).toThrow(/STACK_S3_ENDPOINT/);
  });
});
