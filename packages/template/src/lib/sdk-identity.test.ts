import { BASE_URL, PROJECT_ID, fakeFetch, list, ok } from "@stackframe/stack-shared/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { HexclaveServerApp } from "./public-api.js";
import { sdkIdentity, setSdkIdentity } from "./sdk-identity.js";

const original = sdkIdentity();
afterEach(() => setSdkIdentity(original));

async function clientVersionSent(): Promise<string | undefined> {
  const { fetch, calls } = fakeFetch(ok(list([])));
  await new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", fetch }).listUsers();
  return calls[0]!.headers["x-hexclave-client-version"];
}

describe("the SDK's identity", () => {
  it("names the JS SDK until a framework package built on it names itself", async () => {
    expect(await clientVersionSent()).toBe(`${original.platform} ${original.package}@${original.version}`);
    setSdkIdentity({ package: "@stackframe/stack", version: "9.9.9", platform: "next" });
    expect(await clientVersionSent()).toBe("next @stackframe/stack@9.9.9");
    expect(new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk" }).version).toBe("9.9.9");
  });
});
