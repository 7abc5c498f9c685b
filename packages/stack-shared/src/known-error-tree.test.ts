import { describe, expect, it } from "vitest";
import { KnownError } from "./known-error";
import { KNOWN_ERROR_PARENTS } from "./known-error-tree";
import * as errorModule from "./known-errors";
import { KnownErrors } from "./known-errors-namespace";

// The table and the object repeat what known-errors.ts defines; these checks keep the three in step.
const classes = Object.values(errorModule) as unknown as (typeof KnownError)[];

describe("the known error tree", () => {
  it("places every error class with a parent class under that class's code, and no other", () => {
    const fromClasses = Object.fromEntries(
      classes.flatMap((C) => {
        const parent = Object.getPrototypeOf(C) as typeof KnownError;
        return parent === KnownError ? [] : [[C.code, parent.code]];
      }),
    );
    expect(KNOWN_ERROR_PARENTS).toEqual(fromClasses);
  });

  it("names only codes of error classes as parents", () => {
    const codes = new Set(classes.map((C) => C.code));
    expect(Object.values(KNOWN_ERROR_PARENTS).filter((code) => !codes.has(code))).toEqual([]);
  });
});

describe("KnownErrors", () => {
  it("holds every class of known-errors.ts under its exported name", () => {
    expect(KnownErrors).toEqual({ ...errorModule });
  });
});
