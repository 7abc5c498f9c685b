import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../services";
import { createApp } from "../app";

type Schema = { $ref?: string; allOf?: Schema[]; anyOf?: Schema[]; properties?: Record<string, Schema & { enum?: string[] }> };
type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; schema: { enum?: string[] } }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; in: string; name: string }> };
};

let doc: Document;

beforeAll(async () => {
  // Building the routes and the document reads only the API URL.
  const app = createApp({ config: { apiUrl: "http://localhost:8102" } } as Services);
  doc = (await (await app.request("/api/v1/openapi.json")).json()) as Document;
});

const operations = () => Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ label: `${method.toUpperCase()} ${path}`, op })));

/** The codes a response's known-error schema allows: the narrowed part of its `allOf`. */
function codesOf(op: Operation, status: number): string[] {
  const schema = op.responses[status]?.content?.["application/json"]?.schema;
  const parts = schema?.anyOf ?? [schema];
  return parts.flatMap((part) => part?.allOf?.[1]?.properties?.code?.enum ?? []);
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("describes the body of every success answer, with a named schema", () => {
    const undescribed = operations().flatMap(({ label, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => status.startsWith("2"))
        .filter(([, response]) => !response.content?.["application/json"]?.schema && !response.content?.["text/plain"] && !response.content?.["image/*"]?.schema)
        .map(([status]) => `${label} ${status}`),
    );
    expect(undescribed).toEqual([]);
    expect(doc.paths["/users/me"]?.get?.responses[200]?.content?.["application/json"]?.schema.anyOf).toEqual([
      { $ref: "#/components/schemas/ServerUser" },
      { $ref: "#/components/schemas/CurrentUser" },
    ]);
  });

  it("documents the routes served outside the route helper", () => {
    expect(doc.paths["/projects/{project_id}/.well-known/jwks.json"]?.get?.responses[200]?.content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/JsonWebKeySet",
    });
    expect(doc.paths["/integrations/credential-scanning/revoke"]?.post?.security).toEqual([]);
    const file = doc.paths["/files/{folder}/{name}"]?.get;
    expect(file?.security).toEqual([]);
    expect(file?.responses[200]?.content?.["image/*"]?.schema).toMatchObject({ type: "string", format: "binary" });
  });

  it("names the access and request errors of every authenticated route, and the route's own", () => {
    const signUp = doc.paths["/auth/password/sign-up"]!.post!;
    expect(codesOf(signUp, 400)).toEqual(expect.arrayContaining(["SCHEMA_ERROR", "ACCESS_TYPE_REQUIRED", "PASSWORD_TOO_SHORT"]));
    expect(codesOf(signUp, 401)).toEqual(expect.arrayContaining(["INVALID_PUBLISHABLE_CLIENT_KEY", "ACCESS_TOKEN_EXPIRED"]));
    expect(codesOf(signUp, 409)).toEqual(["BOT_CHALLENGE_REQUIRED", "USER_EMAIL_ALREADY_EXISTS"]);
    expect(Object.keys(signUp.responses[409]?.headers ?? {})).toEqual(["x-stack-known-error", "x-hexclave-known-error"]);
    // Every access type may sign up, so none is refused as insufficient.
    expect(codesOf(signUp, 401)).not.toContain("INSUFFICIENT_ACCESS_TYPE");
    expect(codesOf(doc.paths["/users"]!.get!, 401)).toContain("INSUFFICIENT_ACCESS_TYPE");
  });

  it("asks each route for the keys of the access types it allows, under both brands of header", () => {
    const keysOf = (op: Operation) => new Set(op.security!.flatMap((set) => Object.keys(set)));
    expect([...keysOf(doc.paths["/users"]!.get!)].sort()).toEqual([
      "AccessToken",
      "AdminAccessToken",
      "HexclaveAccessToken",
      "HexclaveAdminAccessToken",
      "HexclaveProjectId",
      "HexclaveSecretServerKey",
      "HexclaveSuperSecretAdminKey",
      "ProjectId",
      "SecretServerKey",
      "SuperSecretAdminKey",
    ]);
    expect(doc.components.securitySchemes.PublishableClientKey).toEqual(expect.objectContaining({ type: "apiKey", in: "header", name: "x-stack-publishable-client-key" }));
    expect(doc.components.securitySchemes.HexclavePublishableClientKey?.name).toBe("x-hexclave-publishable-client-key");
    expect(doc.paths["/internal/backend-urls"]?.get?.security).toEqual([]);
  });

  it("takes the access type as a header whose values are the route's access types", () => {
    const accessType = (op: Operation) => op.parameters?.find((p) => p.in === "header" && p.name === "x-stack-access-type");
    expect(accessType(doc.paths["/internal/api-keys"]!.get!)).toEqual(expect.objectContaining({ required: true, schema: expect.objectContaining({ enum: ["admin"] }) }));
    expect(accessType(doc.paths["/users/me"]!.get!)?.schema.enum).toEqual(["client", "server", "admin"]);
    expect(accessType(doc.paths["/internal/backend-urls"]!.get!)).toBeUndefined();
  });
});
