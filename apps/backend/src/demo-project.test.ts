import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { seedDemoProject } from "./seed";
import { createTestServices } from "./testing/test-services";

// The first hour: an app pointed at the demo project `pnpm dev` seeds signs a user up and reads them back, with no set-up.

const DEMO_KEYS = { publishableClientKey: "pck_demo_first_hour", secretServerKey: "ssk_demo_first_hour", superSecretAdminKey: undefined };
const CLIENT_HEADERS = {
  "x-hexclave-project-id": "demo",
  "x-hexclave-access-type": "client",
  "x-hexclave-publishable-client-key": DEMO_KEYS.publishableClientKey,
};

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  services = await createTestServices({ seedDemoProject: DEMO_KEYS });
  await seedDemoProject(services.db, services.config);
  app = createApp(services);
}, 60_000);
afterAll(() => services.close());

describe("the demo project", () => {
  it("signs a user up with a password and a localhost verification link, and accepts the user's access token", async () => {
    const signUp = await app.request("/api/v1/auth/password/sign-up", {
      method: "POST",
      headers: { ...CLIENT_HEADERS, "content-type": "application/json" },
      body: JSON.stringify({
        email: "first-hour@example.com",
        password: "a long enough password",
        verification_callback_url: "http://localhost:3000/handler/email-verification",
      }),
    });
    expect(signUp.status).toBe(200);
    const { access_token: accessToken, user_id: userId } = (await signUp.json()) as { access_token: string; user_id: string };

    const me = await app.request("/api/v1/users/me", { headers: { ...CLIENT_HEADERS, "x-hexclave-access-token": accessToken } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: userId, primary_email: "first-hour@example.com", primary_email_verified: false });
  });

  it("lets its secret server key list the project's users", async () => {
    const users = await app.request("/api/v1/users", {
      headers: { "x-hexclave-project-id": "demo", "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": DEMO_KEYS.secretServerKey },
    });
    expect(users.status).toBe(200);
  });
});
