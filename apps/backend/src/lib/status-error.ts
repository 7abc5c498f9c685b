/** A failure the catalog answers with a plain-text body and no known-error code (wire 00 §7.1, family 2). */
export class StatusError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409,
    message: string,
  ) {
    super(message);
    this.name = "StatusError";
  }
}
