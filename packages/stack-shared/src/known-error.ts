import { KNOWN_ERROR_PARENTS } from "./known-error-tree";

const parentCode = (code: string) => (Object.hasOwn(KNOWN_ERROR_PARENTS, code) ? KNOWN_ERROR_PARENTS[code]! : "");

export type KnownErrorDetails = Record<string, unknown>;

export type KnownErrorJson = { code: string; details?: KnownErrorDetails; error: string };

/**
 * A client-visible failure with a stable code, one of Stack Auth's API.
 * The SDK rebuilds it from `code` and `details` alone, so those must match Stack Auth's exactly.
 */
export class KnownError extends Error {
  static readonly code: string = "KNOWN_ERROR";

  /**
   * Errors rebuilt from a response are plain KnownErrors, so that a bundle needs no class per code; `instanceof` an
   * error class therefore also holds when the error's code is the class's code or a descendant of it in the tree.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, usually a subclass.
    return isOfErrorClass(value, this);
  }

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: KnownErrorDetails,
  ) {
    super(message);
    this.name = "KnownError";
  }

  /** The code under the name the published SDK's errors use. */
  get errorCode(): string {
    return this.code;
  }

  toJson(): KnownErrorJson {
    return { code: this.code, ...(this.details === undefined ? {} : { details: this.details }), error: this.message };
  }
}

function isOfErrorClass(value: unknown, errorClass: typeof KnownError): boolean {
  if (Function.prototype[Symbol.hasInstance].call(errorClass, value)) return true;
  if (errorClass === KnownError || !(value instanceof KnownError)) return false;
  for (let code = value.code; code; code = parentCode(code)) {
    if (code === errorClass.code) return true;
  }
  return false;
}

type KnownErrorBase = abstract new (
  statusCode: number,
  code: string,
  message: string,
  details?: KnownErrorDetails,
) => KnownError;

export type KnownErrorClass<A extends unknown[] = any[]> = {
  new (...args: A): KnownError;
  readonly code: string;
  readonly statusCode: number;
  prototype: KnownError;
};

function nameOf(code: string): string {
  return code
    .toLowerCase()
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

// Neither define function has side effects (and known-errors.ts marks each call pure), so a bundler drops the class
// and message of every error that nothing names.

/** A parent in the error tree that is never thrown itself; the SDK tests membership with instanceof. */
/* @__NO_SIDE_EFFECTS__ */
export function defineAbstractKnownError(code: string, parent: KnownErrorBase = KnownError) {
  const C = class extends parent {};
  Object.defineProperty(C, "name", { value: nameOf(code) });
  Object.defineProperty(C, "code", { value: code });
  return C;
}

/* @__NO_SIDE_EFFECTS__ */
export function defineKnownError<A extends unknown[]>(
  code: string,
  statusCode: number,
  build: (...args: A) => [message: string, details?: KnownErrorDetails],
  parent: KnownErrorBase = KnownError,
): KnownErrorClass<A> {
  const C = class extends parent {
    constructor(...args: A) {
      const [message, details] = build(...args);
      super(statusCode, code, message, details);
      this.name = nameOf(code);
    }
  };
  Object.defineProperty(C, "name", { value: nameOf(code) });
  Object.defineProperty(C, "code", { value: code });
  Object.defineProperty(C, "statusCode", { value: statusCode });
  return C as unknown as KnownErrorClass<A>;
}

const ERROR_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Rebuilds a known error received over the wire, named as the class of its code is (PASSWORD_TOO_SHORT → PasswordTooShort). */
export function knownErrorFromJson(status: number, json: KnownErrorJson): KnownError {
  const error = new KnownError(status, json.code, json.error, json.details);
  if (ERROR_CODE.test(json.code)) error.name = nameOf(json.code);
  return error;
}
