import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { SCREENSHOT_DIR, watchPage } from "../harness/browser";
import { waitForEmail } from "../harness/maildev";
import { OPERATOR_PASSWORD, captureInBothThemes, createProjectInDashboard, signUpOperator, useDashboard } from "../harness/dashboard";
import { type ShownKeys, readKeysFromSetupPage } from "../harness/dashboard-keys";
import { backendEnv } from "../harness/global-setup";
import { testEnv, uniqueEmail } from "../harness/rest";
import { type WebhookDeployment, startReceiver, waitFor, webhookDeployment } from "../webhooks/deployment";

// The receiver listens on 127.0.0.1, which the run's shared backend refuses as a webhook address, as deployments do:
// this file runs a backend of its own on a database of its own, with private networks allowed, as the webhook tests do.
let deployment: WebhookDeployment;
let backend: BackendProcess;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const publishableClientKey = `pck_${randomBytes(20).toString("hex")}`;

beforeAll(async () => {
  // The run's mail server and response checks; the database, server secret and keys stay the deployment's own.
  const {
    STACK_DATABASE_CONNECTION_STRING: _database,
    STACK_SERVER_SECRET: _secret,
    STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: _server,
    STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: _admin,
    ...shared
  } = backendEnv(testEnv());
  deployment = await webhookDeployment({ ...shared, STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: publishableClientKey });
  backend = await deployment.start();
  receiver = await startReceiver();
}, 120_000);
afterAll(async () => {
  await backend?.stop();
  await receiver?.close();
  await deployment?.drop();
});

describe("the dashboard's webhooks page", () => {
  const fx = useDashboard(() => ({
    backendUrl: backend.url,
    project: { projectId: "internal", publishableClientKey, secretServerKey: deployment.keys.secretServerKey },
  }));
  let page: Page;
  let errors: string[];
  let keys: ShownKeys;
  let projectUrl: string;
  let endpointUrl: string;
  let oldReceiverUrl: string;
  const operatorEmail = uniqueEmail("webhooks-operator");

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${backend.url}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const server = () => ({ "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": keys.secretServerKey });
  // The operator's own admin access, as the dashboard has it, to read back what the page did.
  const admin = async () => {
    const client = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": publishableClientKey };
    const signIn = await call("POST", "/auth/password/sign-in", client, { email: operatorEmail, password: OPERATOR_PASSWORD });
    return { "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": signIn.body.access_token as string };
  };
  const endpoints = async () => (await call("GET", "/internal/webhooks/endpoints", await admin())).body.items as { id: string; enabled: boolean }[];
  const receivedOf = (type: string) => receiver.state.received.filter((event) => event.type === type);

  beforeAll(async () => {
    const context = await fx.browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fx.dashboard.url });
    page = await context.newPage();
    errors = (await watchPage(page)).errors;
    await signUpOperator(page, fx.dashboard.url, operatorEmail);
    const projectId = await createProjectInDashboard(page, "Webhooks");
    projectUrl = `${fx.dashboard.url}/projects/${projectId}`;
    keys = await readKeysFromSetupPage(page);
  }, 120_000);

  it("adds an endpoint from the keyboard and shows its secret once, with a copy button", async () => {
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByText("No endpoints yet").waitFor();
    await page.getByRole("button", { name: "Add endpoint" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("webhook-url");
    // A URL the server refuses shows its reason under the field, and nothing is added.
    await page.keyboard.type("https://sync:hunter2@hooks.example.com/in");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await dialog.getByText("This webhook URL is not allowed: it holds credentials; put them in the receiver's checks instead.").waitFor();
    await captureInBothThemes(page, "24-webhook-refused");
    expect(await endpoints()).toEqual([]);
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByLabel("Description").fill("Team sync");
    for (const type of ["team.created", "team.updated", "team.deleted"]) await dialog.getByRole("checkbox", { name: type, exact: true }).check();
    await captureInBothThemes(page, "24-webhook-add");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();

    const block = dialog.getByLabel("Signing secret", { exact: true });
    const secret = ((await block.textContent()) ?? "").trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await dialog.getByRole("button", { name: "Copy signing secret" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    receiver.state.secrets.push(secret);
    await captureInBothThemes(page, "24-webhook-secret");
    await dialog.getByRole("button", { name: "I have copied it" }).click();

    await page.getByRole("link", { name: receiver.url }).waitFor();
    await page.getByText("Team sync").waitFor();
    const [created] = await endpoints();
    expect(created).toMatchObject({ enabled: true, event_types: ["team.created", "team.updated", "team.deleted"] });
    // The secret is on screen once: the list and the endpoint's page never show it again.
    await page.getByRole("link", { name: receiver.url }).click();
    await page.getByRole("heading", { name: "Deliveries" }).waitFor();
    endpointUrl = page.url();
    expect(await page.getByText(secret).count()).toBe(0);
  });

  it("sends a test event, shows a real event's delivery, and replays it with the same webhook-id", async () => {
    await page.getByText("No deliveries yet").waitFor();
    const lastDelivered = page.locator("dt", { hasText: "Last delivered" }).locator("xpath=following-sibling::dd[1]");
    expect(await lastDelivered.textContent()).toBe("Never");
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("Test event delivered").waitFor();
    expect(receivedOf("stack.test")).toHaveLength(1);
    // The endpoint's own card follows: it has now taken a delivery.
    await expect.poll(() => lastDelivered.textContent()).not.toBe("Never");
    await page.getByRole("cell", { name: /^stack\.test msg_/ }).waitFor();

    const team = await call("POST", "/teams", server(), { display_name: "Compilers" });
    expect(team.status).toBe(201);
    await waitFor(() => receivedOf("team.created").length === 1, 10_000, "the team.created webhook");
    const [event] = receivedOf("team.created");
    expect(event!.data).toMatchObject({ id: team.body.id, display_name: "Compilers" });
    await page.getByRole("button", { name: "Refresh" }).click();
    const row = page.getByRole("row").filter({ hasText: "team.created" });
    await row.getByText(event!.id).waitFor();
    await row.getByRole("cell").first().getByText("Delivered").waitFor();
    await row.getByText("HTTP 204").waitFor();
    // Lazy parts and the page's data can take seconds on a busy 2-core machine.
    await expect.poll(() => page.locator("output[aria-label^='Loading']").count(), { timeout: 15_000 }).toBe(0);
    await captureInBothThemes(page, "26-webhook-deliveries");
    // The log shows the request as it was sent: the very body the receiver verified.
    await row.getByText("Request body").click();
    expect(JSON.parse((await row.locator("pre").first().textContent()) ?? "")).toEqual(JSON.parse(event!.body));
    await captureInBothThemes(page, "27-webhook-request-body");
    await row.getByText("Request body").click();

    await row.getByRole("button", { name: `Replay team.created ${event!.id}` }).click();
    await waitFor(() => receivedOf("team.created").length === 2, 10_000, "the replayed webhook");
    expect(receivedOf("team.created").map((received) => received.id)).toEqual([event!.id, event!.id]);
  });

  it("rotates the secret, shows the new one once, and signs with both for a day", async () => {
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    const secret = ((await page.getByLabel("Signing secret", { exact: true }).textContent()) ?? "").trim();
    expect(secret).toMatch(/^whsec_/);
    expect(receiver.state.secrets).not.toContain(secret);
    await page.getByText(/The secret before the last rotation signs too/).waitFor();
    // A receiver that knows only the new secret accepts what is sent from now on.
    receiver.state.secrets.splice(0, receiver.state.secrets.length, secret);
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("Test event delivered").waitFor();
    expect(receivedOf("stack.test").at(-1)!.headers["webhook-signature"]).toMatch(/^v1,\S+ v1,\S+$/);
    await page.getByRole("button", { name: "I have copied it" }).click();
    expect(await page.getByText(secret).count()).toBe(0);
  });

  it("edits the endpoint, refusing a URL next to the field and changing nothing", async () => {
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    const url = dialog.getByLabel("URL", { exact: true });
    await url.fill("not a url");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.locator("#webhook-url-error").getByText("Enter a full URL").waitFor();
    // Credentials in the URL are the backend's refusal, shown in its words.
    await url.fill("https://user:secret@example.com/webhooks");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.locator("#webhook-url-error").waitFor();
    expect(await url.getAttribute("aria-invalid")).toBe("true");
    expect((await endpoints())[0]).toMatchObject({ url: receiver.url, description: "Team sync" });

    await url.fill(receiver.url);
    await dialog.getByLabel("Description").fill("Team sync, all events");
    for (const type of ["team.created", "team.updated", "team.deleted"]) await dialog.getByRole("checkbox", { name: type, exact: true }).uncheck();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("All events", { exact: true }).waitFor();
    expect((await endpoints())[0]).toMatchObject({ url: receiver.url, description: "Team sync, all events", event_types: [], enabled: true });
  });

  it("turns the endpoint off and on, sending nothing of what happened meanwhile", async () => {
    const toggle = page.getByRole("switch", { name: `Send events to ${receiver.url}` });
    await toggle.click();
    await page.getByText("Disabled", { exact: true }).waitFor();
    expect((await endpoints())[0]!.enabled).toBe(false);
    const whileOff = await call("POST", "/teams", server(), { display_name: "While off" });
    await toggle.click();
    await page.getByText("Enabled", { exact: true }).waitFor();
    const afterwards = await call("POST", "/teams", server(), { display_name: "Afterwards" });
    await waitFor(() => receivedOf("team.created").some((event) => event.data.id === afterwards.body.id), 10_000, "the webhook after turning on");
    // No delivery was queued while it was off: the later event went out, the earlier one has nothing to send.
    expect(receivedOf("team.created").some((event) => event.data.id === whileOff.body.id)).toBe(false);
  });

  it("shows an endpoint the server turned off with the server's reason, until it is turned on again", async () => {
    let answerGone = true;
    const old = await startReceiver({ respond: () => (answerGone ? { status: 410 } : null) });
    oldReceiverUrl = old.url;
    let created: Awaited<ReturnType<typeof call>> | undefined;
    try {
      const asAdmin = await admin();
      created = await call("POST", "/internal/webhooks/endpoints", asAdmin, { url: old.url, description: "Old billing service" });
      expect(created.status).toBe(201);
      old.state.secrets.push(created.body.secret);
      const path = `/internal/webhooks/endpoints/${created.body.id}`;
      await call("POST", "/teams", server(), { display_name: "Gone" });
      await waitFor(async () => (await call("GET", path, asAdmin)).body.enabled === false, 10_000, "the server to turn the endpoint off");
      const { disabled_reason: reason } = (await call("GET", path, asAdmin)).body;
      expect(reason).toEqual(expect.any(String));

      await page.goto(`${projectUrl}/webhooks`);
      const row = page.getByRole("row").filter({ hasText: old.url });
      await row.getByText("Turned off by the server").waitFor();
      await captureInBothThemes(page, "25-webhooks");
      await row.getByRole("link", { name: old.url }).click();
      await page.getByText(reason).waitFor();
      answerGone = false;
      await page.getByRole("switch", { name: `Send events to ${old.url}` }).click();
      await page.getByText("Enabled", { exact: true }).waitFor();
      // The switch flips at once; the reason goes when the saved endpoint comes back.
      await expect.poll(() => page.getByText(reason).count()).toBe(0);
      expect((await call("GET", path, asAdmin)).body).toMatchObject({ enabled: true, disabled_reason: null });
    } finally {
      // Gone whatever happened, so the next test finds only its own endpoint.
      if (created?.body?.id) await call("DELETE", `/internal/webhooks/endpoints/${created.body.id}`, await admin());
      await old.close();
    }
  });

  it("tells the project's admins by email that the server turned an endpoint off, naming it by its host only", async () => {
    const mail = await waitForEmail(testEnv().maildev.webUrl, operatorEmail, (email) => email.subject === "A webhook endpoint of Webhooks was turned off");
    const endpoint = new URL(oldReceiverUrl);
    expect(mail.text).toContain(`The webhook endpoint at ${endpoint.host} of the project Webhooks was turned off: the receiver answered 410 Gone.`);
    // The path and query may carry the receiver's token.
    expect(mail.text).not.toContain(endpoint.pathname);
    expect(mail.html).not.toContain(endpoint.pathname);
    const inbox = await fx.browser.newPage({ viewport: { width: 640, height: 900 } });
    await inbox.setContent(mail.html);
    await expect.poll(() => inbox.getByRole("heading", { name: "A webhook endpoint was turned off" }).count()).toBe(1);
    expect(await inbox.getByText(endpoint.host, { exact: true }).count()).toBe(1);
    expect(await inbox.getByText("You received this email because you are an admin of Webhooks.").count()).toBe(1);
    await inbox.screenshot({ path: `${SCREENSHOT_DIR}/webhook-endpoint-disabled-email.png`, fullPage: true });
    await inbox.close();
  });

  it("deletes the endpoint after asking", async () => {
    await page.goto(endpointUrl);
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByText("No endpoints yet").waitFor();
    expect(await endpoints()).toEqual([]);
    await page.goto(endpointUrl);
    await page.getByText("Endpoint not found").waitFor();
    // The only console errors are the not-found answers of the deleted endpoint's page.
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
  });
});
