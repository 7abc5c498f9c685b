import createClient from "openapi-fetch";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { paths } from "../generated/hexclave-api";
import { type TestProject, createTestProject, testEnv, uniqueEmail } from "../harness/rest";

// The types come from the OpenAPI document (`pnpm --filter @stackframe/e2e generate:api-types`): this file only
// compiles while the document describes these routes, their parameters and their answers.
const PASSWORD = "correct horse battery";
const asClient = { header: { "x-stack-access-type": "client" } } as const;

let project: TestProject;
let client: ReturnType<typeof createClient<paths>>;

beforeAll(async () => {
  project = await createTestProject("Typed client");
  client = createClient<paths>({
    baseUrl: `${testEnv().backendUrl}/api/v1`,
    headers: { "x-stack-project-id": project.projectId, "x-stack-publishable-client-key": project.publishableClientKey },
  });
});

describe("a client generated from the OpenAPI document", () => {
  it("signs up with a password, then reads the signed-in user", async () => {
    const email = uniqueEmail("typed");
    const signUp = await client.POST("/auth/password/sign-up", { params: asClient, body: { email, password: PASSWORD } });
    expect(signUp.response.status).toBe(200);
    const tokens = signUp.data!;
    expectTypeOf(tokens.access_token).toEqualTypeOf<string>();

    const me = await client.GET("/users/me", { params: asClient, headers: { "x-stack-access-token": tokens.access_token } });
    expect(me.response.status).toBe(200);
    const user = me.data!;
    expect(user).toEqual(expect.objectContaining({ id: tokens.user_id, primary_email: email, primary_email_verified: false, has_password: true }));
    // A client reads the client view: the document's CurrentUser, without the server-only fields.
    expect("server_metadata" in user).toBe(false);
  });

  it("answers a refusal with a known error of a documented code", async () => {
    const signIn = await client.POST("/auth/password/sign-in", { params: asClient, body: { email: uniqueEmail("nobody"), password: PASSWORD } });
    expect(signIn.response.status).toBe(400);
    expect(signIn.response.headers.get("x-stack-known-error")).toBe("EMAIL_PASSWORD_MISMATCH");
    expect(signIn.error).toEqual(expect.objectContaining({ code: "EMAIL_PASSWORD_MISMATCH", error: expect.any(String) }));
  });
});
