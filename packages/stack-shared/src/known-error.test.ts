import { describe, expect, it } from "vitest";
import { KnownError, knownErrorFromJson } from "./known-error";
import * as KnownErrors from "./known-errors";

describe("known errors", () => {
  it("serialises code, details and message in the wire shape", () => {
    const error = new KnownErrors.PasswordTooShort(8);
    expect(error.toJson()).toEqual({ code: "PASSWORD_TOO_SHORT", details: { min_length: 8 }, error: error.message });
    expect(error.statusCode).toBe(400);
  });

  it("omits details when the error has none", () => {
    expect(new KnownErrors.EmailPasswordMismatch().toJson()).not.toHaveProperty("details");
  });

  it("rebuilds a leaf error that is an instance of its abstract parents", () => {
    const error = knownErrorFromJson(401, { code: "ACCESS_TOKEN_EXPIRED", details: { user_id: "u" }, error: "x" });
    expect(error).toBeInstanceOf(KnownErrors.AccessTokenExpired);
    expect(error).toBeInstanceOf(KnownErrors.InvalidAccessToken);
    expect(error).toBeInstanceOf(KnownError);
    expect(error.details).toEqual({ user_id: "u" });
  });

  it("keeps an unknown code as a plain known error", () => {
    const error = knownErrorFromJson(418, { code: "SOMETHING_NEW", error: "x" });
    expect(error.code).toBe("SOMETHING_NEW");
    expect(error).not.toBeInstanceOf(KnownErrors.InvalidAccessToken);
  });
});
