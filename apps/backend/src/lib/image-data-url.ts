/** The image formats we store and serve; each is recognised by its leading bytes, never by what the sender claims. */
export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

export type DecodedImage = { format: ImageFormat; contentType: `image/${ImageFormat}`; bytes: Buffer; width: number; height: number };

export const MAX_IMAGE_BYTES = 1_000_000;
export const MAX_IMAGE_SIDE = 4096;

/** Why an upload was refused, in words a client can act on. */
export class InvalidImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidImageError";
  }
}

const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const isImageDataUrl = (value: string): boolean => DATA_URL.test(value);

type Size = { width: number; height: number };

const PNG_MAGIC = "\x89PNG\r\n\x1a\n";

function pngSize(b: Buffer): Size | null {
  if (b.length < 24 || b.toString("latin1", 0, 8) !== PNG_MAGIC || b.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gifSize(b: Buffer): Size | null {
  if (b.length < 10 || !["GIF87a", "GIF89a"].includes(b.toString("latin1", 0, 6))) return null;
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

// Start-of-frame markers carry the dimensions; C4 (Huffman tables), C8 and CC (arithmetic coding) are not frames.
const JPEG_FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(b: Buffer): Size | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let offset = 2;
  while (offset + 4 <= b.length) {
    if (b[offset] !== 0xff) return null;
    const marker = b[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    const length = b.readUInt16BE(offset + 2);
    if (JPEG_FRAME_MARKERS.has(marker)) {
      if (offset + 9 > b.length) return null;
      return { width: b.readUInt16BE(offset + 7), height: b.readUInt16BE(offset + 5) };
    }
    if (marker === 0xda || length < 2) return null; // image data before any frame header
    offset += 2 + length;
  }
  return null;
}

function webpSize(b: Buffer): Size | null {
  if (b.length < 30 || b.toString("latin1", 0, 4) !== "RIFF" || b.toString("latin1", 8, 12) !== "WEBP") return null;
  const chunk = b.toString("latin1", 12, 16);
  if (chunk === "VP8 " && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === "VP8L" && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return null;
}

const SIZE_READERS: [ImageFormat, (bytes: Buffer) => Size | null][] = [
  ["png", pngSize],
  ["jpeg", jpegSize],
  ["gif", gifSize],
  ["webp", webpSize],
];

function decodeBase64(data: string): Buffer {
  if (data.length === 0 || !BASE64.test(data) || data.length % 4 === 1) throw new InvalidImageError("The image is not valid base64.");
  const bytes = Buffer.from(data, "base64");
  // Node skips what it cannot decode; re-encoding shows whether anything was skipped or left dangling.
  if (bytes.toString("base64").replace(/=+$/, "") !== data.replace(/=+$/, "")) throw new InvalidImageError("The image is not valid base64.");
  return bytes;
}

/**
 * Decodes a `data:image/…;base64,` URL and checks that it holds a PNG, JPEG, GIF or WebP image of at most 1 MB whose
 * sides are between 1 and 4096 pixels. The type comes from the bytes, so a file that only claims to be an image is refused.
 */
export function decodeImageDataUrl(value: string): DecodedImage {
  const prefix = DATA_URL.exec(value);
  if (!prefix) throw new InvalidImageError("The image must be a base64 data URL (data:image/…;base64,…).");
  const data = value.slice(prefix[0].length);
  // Checked before decoding, so an oversized upload costs no allocation.
  if (Math.floor((data.length * 3) / 4) - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0) > MAX_IMAGE_BYTES) {
    throw new InvalidImageError(`The image is larger than ${MAX_IMAGE_BYTES} bytes.`);
  }
  const bytes = decodeBase64(data);
  for (const [format, readSize] of SIZE_READERS) {
    const size = readSize(bytes);
    if (!size) continue;
    if (size.width < 1 || size.height < 1 || size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
      throw new InvalidImageError(`The image is ${size.width}×${size.height} pixels; each side must be between 1 and ${MAX_IMAGE_SIDE}.`);
    }
    return { format, contentType: `image/${format}`, bytes, ...size };
  }
  throw new InvalidImageError("The data is not a PNG, JPEG, GIF or WebP image.");
}
