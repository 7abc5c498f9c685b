import { randomBytes } from "node:crypto";
import type { FileStorage } from "../../lib/file-storage/file-storage";
import { InvalidImageError, decodeImageDataUrl, isImageDataUrl } from "../../lib/image-data-url";
import { StatusError } from "../../lib/status-error";

export type ProfileImageFolder = "user-profile-images" | "team-profile-images" | "team-member-profile-images";
export type ProfileImageDeps = { files: FileStorage; apiUrl: string };

/** The public address of a stored file: our own route, whichever storage holds it, so every deployment answers alike. */
export const storedFileUrl = (apiUrl: string, key: string): string => `${apiUrl}/api/v1/files/${key}`;

const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * What to save for an incoming `profile_image_url`: undefined leaves it as it is, null clears it, an http(s) URL is kept
 * as given when `allowUrl` (servers and admins), and a base64 image is checked and stored before the caller writes its
 * row, so no row ever points at a file that is not there. Anything else, or a refused image, is a plain-text 400 as in
 * Stack Auth's API.
 */
export async function storeProfileImage(
  deps: ProfileImageDeps,
  folder: ProfileImageFolder,
  value: string | null | undefined,
  { allowUrl }: { allowUrl: boolean },
): Promise<string | null | undefined> {
  if (value === undefined || value === null) return value;
  // Stack Auth's API takes an empty string as "no change", not as a clear or a refusal.
  if (value === "") return undefined;
  if (isImageDataUrl(value)) {
    const image = decodeOrRefuse(value);
    // 128 random bits: the address is public, so it must not be guessable or reveal whose image it is.
    const key = `${folder}/${randomBytes(16).toString("hex")}.${image.format}`;
    await deps.files.put(key, image.bytes, image.contentType);
    return storedFileUrl(deps.apiUrl, key);
  }
  // Clients may only upload: an address of their choosing would show other members whatever it serves, tracking included.
  if (allowUrl && HTTP_URL.test(value)) return value;
  throw new StatusError(400, "Invalid profile image URL");
}

function decodeOrRefuse(value: string) {
  try {
    return decodeImageDataUrl(value);
  } catch (error) {
    if (error instanceof InvalidImageError) throw new StatusError(400, error.message);
    throw error;
  }
}

// Only keys this module makes are ever looked up: a fixed folder, 32 hex digits and the format's extension.
const STORED_IMAGE_KEY = /^(user-profile-images|team-profile-images|team-member-profile-images)\/[0-9a-f]{32}\.(png|jpeg|gif|webp)$/;

/** A stored image and its content type, or null when the key is not one we make or nothing is stored under it. */
export async function getStoredImage(files: FileStorage, key: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const match = STORED_IMAGE_KEY.exec(key);
  if (!match) return null;
  const bytes = await files.get(key);
  return bytes ? { bytes, contentType: `image/${match[2]}` } : null;
}
