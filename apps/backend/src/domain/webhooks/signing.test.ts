import { Webhook } from "svix";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signedHeaders } from "./signing";

describe("webhook signatures", () => {
  it("verify with the svix package's Webhook, under either header family", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "user.created", data: { id: "u1", display_name: "Zoë" } });
    const headers = signedHeaders("msg_abc", Math.floor(Date.now() / 1000), body, [secret]);
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    const svixOnly = { "svix-id": headers["svix-id"]!, "svix-timestamp": headers["svix-timestamp"]!, "svix-signature": headers["svix-signature"]! };
    expect(() => new Webhook(secret).verify(body, svixOnly)).not.toThrow();
  });

  it("fail for another secret, another body or a stale timestamp", () => {
    const secret = generateSigningSecret();
    const body = '{"type":"team.deleted","data":{"id":"t"}}';
    const now = Math.floor(Date.now() / 1000);
    expect(() => new Webhook(generateSigningSecret()).verify(body, signedHeaders("msg_a", now, body, [secret]))).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, signedHeaders("msg_a", now, body, [secret]))).toThrow();
    expect(() => new Webhook(secret).verify(body, signedHeaders("msg_a", now - 3600, body, [secret]))).toThrow();
  });

  it("carry one signature per secret during a rotation, each verifying on its own", () => {
    const [next, previous] = [generateSigningSecret(), generateSigningSecret()];
    const body = '{"type":"team.deleted","data":{"id":"t"}}';
    const headers = signedHeaders("msg_r", Math.floor(Date.now() / 1000), body, [next, previous]);
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(headers["webhook-signature"]!.split(" ").every((part) => part.startsWith("v1,"))).toBe(true);
    expect(() => new Webhook(next).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });
});
