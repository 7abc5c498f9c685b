import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { getStoredImage } from "../domain/files/profile-images";
import { z } from "../lib/zod";
import type { OperationDoc } from "./openapi";

const PATH = "/files/:folder/:name";

export const storedFileOperation: OperationDoc = {
  method: "get",
  path: PATH,
  summary: "An uploaded file, such as a profile image sent as base64",
  tags: ["Files"],
  access: "none",
  readsProjectHeaders: false,
  validatesRequest: false,
  params: z.object({ folder: z.string(), name: z.string() }).strict(),
  response: {
    status: 200,
    description: "The image; an address never changes content, so it may be cached for good",
    schema: z.string().openapi({ format: "binary" }),
    mediaType: "image/*",
  },
  otherResponses: [{ status: 404, description: "No such file", schema: z.string(), mediaType: "text/plain" }],
};

/** Stored files, public by their unguessable address. Served outside the route helper: it takes no project headers. */
export function storedFileRoutes() {
  const app = new Hono<AppEnv>();
  app.get(PATH, async (c) => {
    const file = await getStoredImage(c.get("services").files, `${c.req.param("folder")}/${c.req.param("name")}`);
    if (!file) return c.text("File not found", 404);
    return c.body(file.bytes, 200, {
      "content-type": file.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      // The type is the one its bytes were checked to be; browsers must not guess another (such as HTML) from them.
      "x-content-type-options": "nosniff",
      // Opened as a page of its own, the file may still run and load nothing.
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "cross-origin",
    });
  });
  return app;
}
