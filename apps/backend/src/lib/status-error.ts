/** A failure the catalog answers with a plain-text body and no known-error code. */
export class StatusError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409,
    message: string,
  ) {
    super(message);
    this.name = "StatusError";
  }
}
