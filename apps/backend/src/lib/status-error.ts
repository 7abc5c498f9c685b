/** A failure that Stack Auth's API answers with a plain-text body and no known-error code, so ours does too. */
export class StatusError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409,
    message: string,
  ) {
    super(message);
    this.name = "StatusError";
  }
}
