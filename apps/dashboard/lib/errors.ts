import { KnownError } from "@stackframe/stack";

type PlainHttpError = Error & { status: number; body: string };

// Some 400s of the API (config validation) are plain text rather than known errors; their text is the useful part.
function isPlainHttpError(error: unknown): error is PlainHttpError {
  return error instanceof Error && typeof (error as PlainHttpError).status === "number" && typeof (error as PlainHttpError).body === "string";
}

/** The backend's own words for a refusal (its message names the field and the rule); a plain sentence otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof KnownError) return error.message;
  if (isPlainHttpError(error) && error.status < 500 && error.body) return error.body.slice(0, 500);
  if (error instanceof TypeError) return "The Hexclave API could not be reached. Check that the backend is running.";
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}
