import { type AccessType, KnownErrors, type KnownErrorClass } from "@stackframe/stack-shared";

export type AccessRule = readonly AccessType[] | "none";

/** What can refuse a request before the route's own code runs: its body and its parameters. */
const REQUEST_SHAPE_ERRORS: KnownErrorClass[] = [KnownErrors.SchemaError, KnownErrors.BodyParsingError, KnownErrors.PayloadTooLarge, KnownErrors.UnsupportedMediaType];

/** The project headers' checks, which run on every route that reads them, whatever access it asks for. */
const PROJECT_AUTH_ERRORS: KnownErrorClass[] = [
  KnownErrors.ProjectKeyWithoutAccessType,
  KnownErrors.InvalidAccessType,
  KnownErrors.AccessTypeWithoutProjectId,
  KnownErrors.UnparsableAccessToken,
  KnownErrors.AccessTokenExpired,
  KnownErrors.InvalidProjectForAccessToken,
  KnownErrors.AnonymousAuthenticationNotAllowed,
  KnownErrors.RestrictedUserNotAllowed,
  KnownErrors.CurrentProjectNotFound,
  KnownErrors.AdminAccessTokenExpired,
  KnownErrors.UnparsableAdminAccessToken,
  KnownErrors.AdminAccessTokenIsNotAdmin,
  KnownErrors.PublishableClientKeyRequiredForProject,
  KnownErrors.InvalidPublishableClientKey,
  KnownErrors.ServerAuthenticationRequired,
  KnownErrors.InvalidSecretServerKey,
  KnownErrors.AdminAuthenticationRequired,
  KnownErrors.InvalidSuperSecretAdminKey,
  KnownErrors.BranchDoesNotExist,
];

export type ErrorSource = {
  access: AccessRule;
  /** False for routes that take no project headers at all, which none of the project checks can refuse. */
  readsProjectHeaders?: boolean;
  /** False for routes that check neither a body nor their parameters against a schema. */
  validatesRequest?: boolean;
  errors?: readonly KnownErrorClass[];
};

/** Every known error a route can answer with, by status, each status's codes sorted. */
export function knownErrorsByStatus(route: ErrorSource): Map<number, string[]> {
  // A credential in any query string under /api is refused before routing.
  const classes: KnownErrorClass[] = [KnownErrors.CredentialInUrl];
  if (route.validatesRequest !== false) classes.push(...REQUEST_SHAPE_ERRORS);
  if (route.readsProjectHeaders !== false) classes.push(...PROJECT_AUTH_ERRORS);
  if (route.access !== "none") {
    classes.push(KnownErrors.AccessTypeRequired);
    if (route.access.length < 3) classes.push(KnownErrors.InsufficientAccessType);
  }
  classes.push(...(route.errors ?? []));
  const byStatus = new Map<number, Set<string>>();
  for (const error of classes) {
    const codes = byStatus.get(error.statusCode) ?? new Set<string>();
    codes.add(error.code);
    byStatus.set(error.statusCode, codes);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [status, [...codes].sort()]));
}

/** The refusals of a one-time code (a mailed link or a typed code), in the order they are checked. */
export const VERIFICATION_CODE_ERRORS: KnownErrorClass[] = [
  KnownErrors.VerificationCodeNotFound,
  KnownErrors.VerificationCodeExpired,
  KnownErrors.VerificationCodeAlreadyUsed,
  KnownErrors.VerificationCodeMaxAttemptsReached,
];
