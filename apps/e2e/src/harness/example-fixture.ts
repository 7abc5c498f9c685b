import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { type ExampleApp, type ExampleSpec, startExample } from "./example-apps";
import { type TestProject, createTestProject, enableMagicLinks, testEnv } from "./rest";

export type ExampleFixture = { project: TestProject; app: ExampleApp; browser: Browser };

/**
 * A project of its own, the example served against it and a Chromium, for the tests of one describe block; filled in
 * before its tests run and stopped after them.
 */
export function useExampleInBrowser(spec: ExampleSpec, projectName: string, options: { magicLinks?: boolean } = {}): ExampleFixture {
  const fixture = {} as ExampleFixture;
  beforeAll(async () => {
    fixture.project = await createTestProject(projectName);
    if (options.magicLinks) await enableMagicLinks(fixture.project);
    fixture.app = await startExample(spec, testEnv().backendUrl, fixture.project);
    fixture.browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.app?.stop();
  });
  return fixture;
}
