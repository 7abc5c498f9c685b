import { defineRoute } from "./define-route";
import { backendUrlsResponse } from "./schemas/projects";

export const backendUrlRoutes = [
  defineRoute({
    method: "get",
    path: "/internal/backend-urls",
    summary: "The API URLs of this deployment; SDKs without a configured base URL ask for them",
    tags: ["Internal"],
    access: "none",
    response: { status: 200, description: "The URLs", schema: backendUrlsResponse },
    handler: ({ c, services }) => c.json({ urls: [services.config.apiUrl] }),
  }),
];
