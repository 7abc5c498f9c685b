import { WEBHOOK_EVENT_TYPES as SDK_EVENT_TYPES } from "@stackframe/stack-shared";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "./events";

// The SDK and the dashboard's event picker read the catalog from the shared package; a type added here alone could
// never be chosen there.
describe("the webhook event catalog", () => {
  it("is the same list in the backend and the shared package", () => {
    expect([...SDK_EVENT_TYPES]).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
