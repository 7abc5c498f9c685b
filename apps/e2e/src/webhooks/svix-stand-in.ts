import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Test only: a local stand-in for the few routes of Svix's API that the backend's `svix` client calls (get-or-create
 * an application, an app portal token, a message), since tests cannot reach Svix. It checks the API key, keeps what it
 * was sent, and answers 409 to a second message with the same event id, as Svix does.
 */
export async function startSvixStandIn(apiKey: string) {
  const apps = new Map<string, { id: string; uid: string; name: string }>();
  const messages: { appId: string; eventId: string; eventType: string; payload: { type: string; data: unknown } }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (request.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { code: "authentication_failed", detail: "bad key" });
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
      const path = new URL(request.url ?? "/", "http://stand-in").pathname;
      const now = new Date().toISOString();
      const appOut = (app: { id: string; uid: string; name: string }) => ({ ...app, createdAt: now, updatedAt: now, metadata: {} });
      if (request.method === "POST" && path === "/api/v1/app") {
        const app = apps.get(body.uid) ?? { id: `app_${randomBytes(8).toString("hex")}`, uid: body.uid, name: body.name };
        apps.set(app.uid, app);
        return answer(200, appOut(app));
      }
      const portal = /^\/api\/v1\/auth\/app-portal-access\/([^/]+)$/.exec(path);
      if (request.method === "POST" && portal) {
        const known = [...apps.values()].some((app) => app.id === portal[1] || app.uid === portal[1]);
        if (!known) return answer(404, { code: "not_found", detail: "no such app" });
        return answer(200, { token: `appsk_${randomBytes(12).toString("hex")}`, url: `https://app.svix.test/login#key=${portal[1]}` });
      }
      const message = /^\/api\/v1\/app\/([^/]+)\/msg$/.exec(path);
      if (request.method === "POST" && message) {
        const appId = decodeURIComponent(message[1]!);
        if (!apps.has(appId) && body.application) apps.set(appId, { id: `app_${randomBytes(8).toString("hex")}`, uid: body.application.uid, name: body.application.name });
        if (body.eventId && messages.some((entry) => entry.appId === appId && entry.eventId === body.eventId)) return answer(409, { code: "conflict", detail: "duplicate eventId" });
        messages.push({ appId, eventId: body.eventId, eventType: body.eventType, payload: body.payload });
        return answer(202, { id: `msg_${randomBytes(8).toString("hex")}`, eventId: body.eventId, eventType: body.eventType, payload: body.payload, timestamp: now, channels: null, tags: null });
      }
      answer(404, { code: "not_found", detail: `${request.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apps,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
