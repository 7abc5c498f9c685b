import { describe, expect, it } from "vitest";
import { accountIdForEmail } from "./accounts";
import { DEFAULT_CLIENT_SECRET, PRESET_CLIENT_IDS, buildClientMetadata, clientsFromEnv, isLoopbackCallback } from "./clients";

describe("clients", () => {
  it("registers every preset with the one mock secret", () => {
    const clients = buildClientMetadata();
    expect(clients.map((client) => client.client_id)).toEqual([...PRESET_CLIENT_IDS]);
    expect(new Set(clients.map((client) => client.client_secret))).toEqual(new Set([DEFAULT_CLIENT_SECRET]));
  });

  it("lets an extra client replace a preset of the same id", () => {
    const clients = buildClientMetadata([{ client_id: "github", client_secret: "other", redirect_uris: ["https://app.example.com/cb"] }]);
    expect(clients.filter((client) => client.client_id === "github")).toEqual([expect.objectContaining({ client_secret: "other", redirect_uris: ["https://app.example.com/cb"] })]);
  });

  it("reads extra clients from HEXCLAVE_MOCK_OAUTH_CLIENTS and rejects malformed ones", () => {
    expect(clientsFromEnv(undefined)).toEqual([]);
    expect(clientsFromEnv('[{"client_id":"acme","client_secret":"s","redirect_uris":["https://acme.test/cb"]}]')).toEqual([
      { client_id: "acme", client_secret: "s", redirect_uris: ["https://acme.test/cb"] },
    ]);
    expect(() => clientsFromEnv("{")).toThrow(/JSON array/);
    expect(() => clientsFromEnv('{"client_id":"acme"}')).toThrow(/JSON array/);
    expect(() => clientsFromEnv('[{"client_id":"acme"}]')).toThrow(/\[0\]/);
  });

  it("allows plain-http callbacks on localhost and 127.0.0.1 only", () => {
    expect(isLoopbackCallback("http://localhost:8102/api/v1/auth/oauth/callback/github")).toBe(true);
    expect(isLoopbackCallback("http://127.0.0.1:39123/cb")).toBe(true);
    expect(isLoopbackCallback("https://localhost:8102/cb")).toBe(false);
    expect(isLoopbackCallback("http://localhost.evil.example/cb")).toBe(false);
    expect(isLoopbackCallback("http://evil.example/?localhost")).toBe(false);
    expect(isLoopbackCallback("not a url")).toBe(false);
  });
});

describe("accounts", () => {
  it("derives the same id for the same email, whatever its case or spacing", () => {
    expect(accountIdForEmail(" Ann@Example.com")).toBe(accountIdForEmail("ann@example.com"));
    expect(accountIdForEmail("ann@example.com")).not.toBe(accountIdForEmail("bob@example.com"));
    expect(accountIdForEmail("ann@example.com")).toMatch(/^mock-[0-9a-f]{32}$/);
  });
});
