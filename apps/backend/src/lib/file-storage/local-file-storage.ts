import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { type FileStorage, assertFileKey, isFileKey } from "./file-storage";

/** Files under one directory, one file per key. The content type is not kept: the key's extension carries it. */
export function createLocalFileStorage(dir: string): FileStorage {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const path = resolve(root, key);
    // The key pattern already rules out "..", absolute paths and separators; this keeps it so if the pattern changes.
    if (!path.startsWith(root + sep)) throw new Error(`The file key "${key}" resolves outside the storage directory.`);
    return path;
  };
  return {
    async put(key, bytes) {
      assertFileKey(key);
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed into place, so a concurrent reader sees the whole file or none of it.
      const partial = `${path}.${randomUUID()}.partial`;
      await writeFile(partial, bytes, { flag: "wx" });
      await rename(partial, path);
    },
    async get(key) {
      if (!isFileKey(key)) return null;
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
