import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { storeProfileImage } from "../domain/files/profile-images";
import { profileImageDepsOf } from "../services";
import { IMAGES, dataUrlOf } from "../testing/images";
import { createTestServices } from "../testing/test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;
let path: string;

beforeAll(async () => {
  services = await createTestServices();
  app = createApp(services);
  const url = await storeProfileImage(profileImageDepsOf(services), "user-profile-images", dataUrlOf(IMAGES.gif, "image/gif"), { allowUrl: false });
  path = new URL(url!).pathname;
});
afterAll(async () => {
  await services?.close();
});

describe("GET /api/v1/files/:folder/:name", () => {
  it("serves a stored image with its type, for good, to any origin and without project headers", async () => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(IMAGES.gif, "base64"))).toBe(true);
    expect(response.headers.get("content-type")).toBe("image/gif");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("serves the same file under /api/latest and answers HEAD without a body", async () => {
    expect((await app.request(path.replace("/api/v1/", "/api/latest/"))).status).toBe(200);
    const head = await app.request(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("image/gif");
    expect(await head.text()).toBe("");
  });

  it("answers 404 for a name that holds nothing, and for names it never makes", async () => {
    for (const missing of [
      "/api/v1/files/user-profile-images/0123456789abcdef0123456789abcdef.gif",
      path.replace(/\.gif$/, ".png"),
      path.replace("user-profile-images", "team-profile-images"),
      "/api/v1/files/user-profile-images/..%2f..%2fpackage.json",
      "/api/v1/files/..%2f..%2f/package.json",
      "/api/v1/files/user-profile-images/%2e%2e",
    ]) {
      const response = await app.request(missing);
      expect(response.status, missing).toBe(404);
      expect(response.headers.get("content-type"), missing).not.toMatch(/^image\//);
    }
  });
});
