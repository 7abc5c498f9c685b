/**
 * Where uploaded files live: a directory on this machine, or an S3-compatible bucket that every instance shares.
 * Keys are `<folder>/<random name>.<extension>`; anything else is refused before it can name a path or an object.
 */
export type FileStorage = {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is no such file (or the key is not one we make). */
  get(key: string): Promise<Uint8Array | null>;
};

// Lower-case folder, then a random name of URL-safe characters: no dots or slashes that could climb out of the folder.
const FILE_KEY = /^[a-z0-9-]{1,64}\/[A-Za-z0-9_-]{16,128}\.[a-z0-9]{1,10}$/;

export const isFileKey = (key: string): boolean => FILE_KEY.test(key);

export function assertFileKey(key: string): void {
  if (!isFileKey(key)) throw new Error(`"${key}" is not a file key: callers make keys as <folder>/<random name>.<extension>.`);
}
