export type KnownErrorDetails = Record<string, unknown>;

export type KnownErrorJson = { code: string; details?: KnownErrorDetails; error: string };

/**
 * A client-visible failure with a stable code, one of Stack Auth's API.
 * The SDK rebuilds it from `code` and `details` alone, so those must match Stack Auth's exactly.
 */
export class KnownError extends Error {
  static readonly code: string = "KNOWN_ERROR";

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

const registry = new Map<string, KnownErrorClass>();

function nameOf(code: string): string {
  return code
    .toLowerCase()
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** A parent in the error tree that is never thrown itself; the SDK tests membership with instanceof. */
export function defineAbstractKnownError(code: string, parent: KnownErrorBase = KnownError) {
  const C = class extends parent {};
  Object.defineProperty(C, "name", { value: nameOf(code) });
  Object.defineProperty(C, "code", { value: code });
  return C;
}

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
  const cls = C as unknown as KnownErrorClass<A>;
  registry.set(code, cls);
  return cls;
}

/** Rebuilds a known error received over the wire; unknown codes stay a plain KnownError. */
export function knownErrorFromJson(status: number, json: KnownErrorJson): KnownError {
  const C = registry.get(json.code);
  if (!C) return new KnownError(status, json.code, json.error, json.details);
  const error = Object.create(C.prototype) as KnownError;
  Object.assign(error, { statusCode: status, code: json.code, details: json.details, message: json.error });
  error.name = C.name;
  return error;
}

export function getKnownErrorClass(code: string): KnownErrorClass | undefined {
  return registry.get(code);
}
