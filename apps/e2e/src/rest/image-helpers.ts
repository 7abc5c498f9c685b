import { readdirSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import { expect } from "vitest";
import { testEnv } from "../harness/rest";

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real greyscale PNG of the given size (`shade` tells two apart); `padding` bytes of text metadata make it large. */
export function pngOf(width: number, height: number, { shade = 0, padding = 0 } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, shade);
  for (let row = 0; row < height; row++) rows[row * (width + 1)] = 0; // filter type "none" at each row start
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...(padding > 0 ? [chunk("tEXt", Buffer.concat([Buffer.from("Comment\0"), Buffer.alloc(padding, 0x61)]))] : []),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const dataUrlOf = (bytes: Buffer, type = "image/png"): string => `data:${type};base64,${bytes.toString("base64")}`;

/** How many files the run's backends have stored, to show that a refused request stored none. */
export function storedFileCount(): number {
  try {
    return readdirSync(testEnv().fileStorageDir, { recursive: true, encoding: "utf8" }).filter((path) => /\.[a-z]+$/.test(path)).length;
  } catch {
    return 0; // nothing uploaded yet
  }
}

/** Fetches a URL the backend answered for an upload, and checks it serves exactly those bytes as an image. */
export async function expectServedImage(url: string, bytes: Buffer, contentType = "image/png"): Promise<void> {
  expect(url.startsWith(`${testEnv().backendUrl}/api/v1/files/`)).toBe(true);
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(contentType);
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("cache-control")).toContain("immutable");
  expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
}
