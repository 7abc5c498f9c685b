import type { Page } from "playwright-core";

export type ShownKeys = { projectId: string; publishableClientKey: string; secretServerKey: string };

/** Creates a key set on the setup page and reads it back from the environment block, as a person would copy it. */
export async function readKeysFromSetupPage(page: Page): Promise<ShownKeys> {
  await page.getByRole("button", { name: "Create keys" }).click();
  const block = page.getByLabel("Next.js environment", { exact: true });
  await block.getByText(/pck_/).waitFor();
  const text = (await block.textContent()) ?? "";
  const value = (name: string) => new RegExp(`^${name}=(\\S+)$`, "m").exec(text)?.[1] ?? "";
  return {
    projectId: value("NEXT_PUBLIC_HEXCLAVE_PROJECT_ID"),
    publishableClientKey: value("NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY"),
    secretServerKey: value("HEXCLAVE_SECRET_SERVER_KEY"),
  };
}
