import { describe, expect, it } from "vitest";
import { hexclaveTwinOf, readEnv } from "./env";

describe("readEnv", () => {
  it("prefers the HEXCLAVE_ twin over the STACK_ name", () => {
    expect(readEnv("STACK_SERVER_SECRET", { STACK_SERVER_SECRET: "old", HEXCLAVE_SERVER_SECRET: "new" })).toBe("new");
  });

  it("falls back to the STACK_ name", () => {
    expect(readEnv("STACK_SERVER_SECRET", { STACK_SERVER_SECRET: "old" })).toBe("old");
  });

  it("keeps NEXT_PUBLIC_ and VITE_ prefixes on the twin", () => {
    expect(hexclaveTwinOf("NEXT_PUBLIC_STACK_API_URL")).toBe("NEXT_PUBLIC_HEXCLAVE_API_URL");
    expect(hexclaveTwinOf("VITE_STACK_PROJECT_ID")).toBe("VITE_HEXCLAVE_PROJECT_ID");
    expect(readEnv("VITE_STACK_PROJECT_ID", { VITE_HEXCLAVE_PROJECT_ID: "p" })).toBe("p");
  });

  it("treats empty strings as unset", () => {
    expect(readEnv("STACK_X", { HEXCLAVE_X: "", STACK_X: "a" })).toBe("a");
    expect(readEnv("STACK_X", { STACK_X: "" })).toBeUndefined();
  });

  it("reads unbranded names as they are", () => {
    expect(readEnv("CRON_SECRET", { CRON_SECRET: "s" })).toBe("s");
  });
});
