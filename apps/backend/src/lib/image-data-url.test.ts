import { describe, expect, it } from "vitest";
import { IMAGES, dataUrlOf, pngOf } from "../testing/images";
import { InvalidImageError, MAX_IMAGE_BYTES, decodeImageDataUrl, isImageDataUrl } from "./image-data-url";

const refusal = (value: string) => {
  try {
    decodeImageDataUrl(value);
  } catch (error) {
    if (error instanceof InvalidImageError) return error.message;
    throw error;
  }
  throw new Error("expected the image to be refused");
};

describe("decodeImageDataUrl", () => {
  it.each([
    ["png", IMAGES.png, "image/png"],
    ["jpeg", IMAGES.jpeg, "image/jpeg"],
    ["gif", IMAGES.gif, "image/gif"],
    ["webp", IMAGES.webpLossy, "image/webp"],
    ["webp", IMAGES.webpLossless, "image/webp"],
    ["webp", IMAGES.webpExtended, "image/webp"],
  ])("reads a %s image's type and size from its bytes", (format, base64, type) => {
    const image = decodeImageDataUrl(dataUrlOf(base64, type));
    expect(image).toMatchObject({ format, contentType: type, width: 3, height: 2 });
    expect(image.bytes.equals(Buffer.from(base64, "base64"))).toBe(true);
  });

  it("takes the type from the bytes, not from what the data URL claims", () => {
    expect(decodeImageDataUrl(dataUrlOf(IMAGES.png, "image/gif")).contentType).toBe("image/png");
  });

  it("accepts base64 whose padding was left off", () => {
    expect(decodeImageDataUrl(dataUrlOf(IMAGES.gif.replace(/=+$/, ""), "image/gif")).format).toBe("gif");
  });

  it("refuses what is not a base64 data URL of an image", () => {
    for (const value of ["https://example.com/a.png", "data:text/html;base64,PGI+", `data:image/png,${IMAGES.png}`]) {
      expect(isImageDataUrl(value)).toBe(false);
      expect(refusal(value)).toMatch(/data URL/);
    }
  });

  it("refuses base64 that does not decode cleanly", () => {
    for (const data of ["", "not base64!", "iVBORw0KGgo*AAA", "iVBORw0KGgoAA", "iVBORw0KGgp=", "iVBORw0K=Ggo"]) expect(refusal(dataUrlOf(data))).toMatch(/base64/);
  });

  it("refuses bytes that are no PNG, JPEG, GIF or WebP, SVG included", () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(refusal(dataUrlOf(svg, "image/svg+xml"))).toMatch(/not a PNG/);
    expect(refusal(dataUrlOf(Buffer.from("just some text")))).toMatch(/not a PNG/);
    expect(refusal(dataUrlOf(pngOf(3, 2).subarray(0, 20)))).toMatch(/not a PNG/);
  });

  it("refuses images wider or taller than 4096 pixels, or with a side of 0", () => {
    expect(decodeImageDataUrl(dataUrlOf(pngOf(4096, 1))).width).toBe(4096);
    for (const [width, height] of [[4097, 1], [1, 4097], [0, 5]]) expect(refusal(dataUrlOf(pngOf(width!, height!)))).toMatch(/pixels/);
  });

  it("refuses more than 1 MB of image, before decoding it", () => {
    const justUnder = pngOf(1, 1, MAX_IMAGE_BYTES - pngOf(1, 1, 1).length + 1);
    expect(justUnder.length).toBe(MAX_IMAGE_BYTES);
    expect(decodeImageDataUrl(dataUrlOf(justUnder)).bytes.length).toBe(MAX_IMAGE_BYTES);
    expect(refusal(dataUrlOf(pngOf(1, 1, MAX_IMAGE_BYTES - pngOf(1, 1, 1).length + 2)))).toMatch(/larger than/);
  });
});
