import { expect } from "vitest";
import { testEnv, uniqueEmail } from "../harness/rest";
import type { StackSdk } from "./clients";

export const PASSWORD = "correct horse battery";

/** The dashboard's way through an SDK: sign up in the internal project, create a project and a full key set. */
export async function createProjectThroughSdk(sdk: StackSdk) {
  const env = testEnv();
  const dashboard = new sdk.StackClientApp({
    baseUrl: env.backendUrl,
    projectId: "internal",
    publishableClientKey: env.internalKeys.publishableClientKey,
    tokenStore: "memory",
  });
  const signUp = await dashboard.signUpWithCredential({ email: uniqueEmail("owner"), password: PASSWORD, noVerificationCallback: true });
  expect(signUp.status).toBe("ok");
  const owner = await dashboard.getUser({ or: "throw" });
  expect(owner.selectedTeam?.id).toEqual(expect.any(String));
  const project = await owner.createProject({ displayName: "SDK project", teamId: owner.selectedTeam.id });
  const keys = await project.app.createInternalApiKey({
    description: "e2e keys",
    expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
    hasPublishableClientKey: true,
    hasSecretServerKey: true,
    hasSuperSecretAdminKey: true,
  });
  return { project, keys, owner };
}
