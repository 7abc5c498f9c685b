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

  it("keeps an unknown code as a plain known error, named after its code", () => {
    const error = knownErrorFromJson(418, { code: "SOMETHING_NEW", error: "x" });
    expect(error.code).toBe("SOMETHING_NEW");
    expect(error.name).toBe("SomethingNew");
    expect(error).not.toBeInstanceOf(KnownErrors.InvalidAccessToken);
  });

  it("gives a rebuilt error the name, status and message of its code, and no other class", () => {
    const error = knownErrorFromJson(400, { code: "PASSWORD_TOO_SHORT", details: { min_length: 8 }, error: "too short" });
    expect(error).toMatchObject({ name: "PasswordTooShort", statusCode: 400, message: "too short", details: { min_length: 8 } });
    expect(error).toBeInstanceOf(KnownErrors.PasswordRequirementsNotMet);
    expect(error).not.toBeInstanceOf(KnownErrors.PasswordTooLong);
    expect(error).not.toBeInstanceOf(KnownErrors.RefreshTokenError);
    expect(error.toJson()).toEqual({ code: "PASSWORD_TOO_SHORT", details: { min_length: 8 }, error: "too short" });
  });

  it("keeps instanceof of errors built in place to their own class and its parents", () => {
    const error = new KnownErrors.RefreshTokenNotFoundOrExpired();
    expect(error).toBeInstanceOf(KnownErrors.RefreshTokenNotFoundOrExpired);
    expect(error).toBeInstanceOf(KnownErrors.RefreshTokenError);
    expect(error).toBeInstanceOf(KnownError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(KnownErrors.CannotDeleteCurrentSession);
    expect(new Error("plain")).not.toBeInstanceOf(KnownError);
    expect({ code: "USER_NOT_FOUND" }).not.toBeInstanceOf(KnownErrors.UserNotFound);
  });

  // Regression: codes are looked up as own keys, so one named like an Object.prototype member is just unknown.
  it("treats a code named like an object member as unknown", () => {
    const error = knownErrorFromJson(400, { code: "constructor", error: "x" });
    expect(error.name).toBe("KnownError");
    expect(error).not.toBeInstanceOf(KnownErrors.UserNotFound);
  });
});
