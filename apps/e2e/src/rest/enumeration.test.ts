import { beforeAll, describe, expect, it } from "vitest";
import { type ApiResponse, type TestProject, api, createTestProject, enableMagicLinks, projectHeaders, signUpWithPassword, uniqueEmail } from "../harness/rest";

// Known and unknown addresses get the same answers, as far as wire compatibility allows. Stack Auth's API
// answers a sign-up with a taken address 409 USER_EMAIL_ALREADY_EXISTS, so sign-up is left out here.

const CALLBACK = "http://localhost:3000/handler/callback";
let project: TestProject;
let known: { email: string; password: string };

beforeAll(async () => {
  project = await createTestProject("enumeration");
  await enableMagicLinks(project);
  const user = await signUpWithPassword(project);
  await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { primary_email_verified: true } });
  known = user;
});

const client = () => projectHeaders(project, "client");

/** Status, code, body shape and the names of the headers: what may not differ between the two addresses. */
function shapeOf(response: ApiResponse) {
  const headerNames: string[] = [];
  response.headers.forEach((_value, name) => {
    if (!["date", "content-length", "x-stack-request-id", "x-hexclave-request-id"].includes(name)) headerNames.push(name);
  });
  const body = typeof response.body === "object" && response.body !== null ? Object.keys(response.body).sort() : typeof response.body;
  return { status: response.status, code: response.body?.code, body, headerNames: headerNames.sort(), setCookie: response.headers.get("set-cookie") };
}

describe("AU-04 answers that do not tell whether an address has an account", () => {
  it("password sign-in: a wrong password and an unknown address are one answer", async () => {
    const wrong = await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email: known.email, password: "not the password" } });
    const unknown = await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email: uniqueEmail("nobody"), password: "not the password" } });
    expect(shapeOf(wrong)).toEqual(shapeOf(unknown));
    expect(wrong.body).toEqual(unknown.body);
  });

  it("password reset: the same answer, with or without a trusted callback", async () => {
    for (const callback_url of [CALLBACK, "https://evil.example/cb"]) {
      const send = (email: string) => api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email, callback_url } });
      const [a, b] = [await send(known.email), await send(uniqueEmail("nobody"))];
      expect(shapeOf(a)).toEqual(shapeOf(b));
      expect(a.body).toEqual(b.body);
    }
  });

  it("sign-in code: a verified account and a new address get answers of one shape", async () => {
    const send = (email: string) => api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email, callback_url: CALLBACK } });
    const [a, b] = [await send(known.email), await send(uniqueEmail("nobody"))];
    expect(shapeOf(a)).toEqual(shapeOf(b));
    expect(a.body.nonce).toMatch(/^[a-z2-7]{39}$/);
    expect(b.body.nonce).toMatch(/^[a-z2-7]{39}$/);
  });
});
