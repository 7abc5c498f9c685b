import { join } from "node:path";
import { readEnv } from "@stackframe/stack-shared";
import { StartupError } from "../startup-error";
import type { FileStorage } from "./file-storage";
import { createLocalFileStorage } from "./local-file-storage";
import { type S3Settings, createS3FileStorage } from "./s3-file-storage";

export type FileStorageSettings = {
  /** Where files go when no bucket is configured. */
  dir: string;
  /** A bucket every instance shares; when set, it holds the files instead of `dir`. */
  s3: S3Settings | null;
};

function endpointEnv(): string | undefined {
  const raw = readEnv("STACK_S3_ENDPOINT");
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !["http:", "https:"].includes(url.protocol)) throw new StartupError(`STACK_S3_ENDPOINT must be an http(s) URL such as https://s3.example.com, got "${raw}".`);
  return raw.replace(/\/+$/, "");
}

function s3SettingsEnv(): S3Settings | null {
  const bucket = readEnv("STACK_S3_BUCKET");
  const region = readEnv("STACK_S3_REGION");
  const endpoint = endpointEnv();
  const accessKeyId = readEnv("STACK_S3_ACCESS_KEY_ID");
  const secretAccessKey = readEnv("STACK_S3_SECRET_ACCESS_KEY");
  const anySet = [bucket, region, endpoint, accessKeyId, secretAccessKey].some((value) => value !== undefined);
  if (!anySet) return null;
  // Half a configuration would quietly keep files on one machine's disk, where the other instances cannot read them.
  if (bucket === undefined || region === undefined) throw new StartupError("S3 file storage needs both STACK_S3_BUCKET and STACK_S3_REGION (or unset every STACK_S3_* variable).");
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new StartupError("STACK_S3_ACCESS_KEY_ID and STACK_S3_SECRET_ACCESS_KEY go together: set both, or neither to use the SDK's default credentials.");
  }
  const credentials = accessKeyId !== undefined && secretAccessKey !== undefined ? { accessKeyId, secretAccessKey } : undefined;
  return { bucket, region, endpoint, credentials };
}

export function loadFileStorageSettings(dataDir: string): FileStorageSettings {
  return { dir: readEnv("STACK_FILE_STORAGE_DIR") ?? join(dataDir, "files"), s3: s3SettingsEnv() };
}

export function createFileStorage(settings: FileStorageSettings): FileStorage {
  return settings.s3 ? createS3FileStorage(settings.s3) : createLocalFileStorage(settings.dir);
}
