import { defineAbstractKnownError as abstract, defineKnownError as define } from "./known-error";

// Each definition is marked pure so that bundlers drop the errors nothing names; a new error also needs its line in
// known-error-tree.ts and known-errors-namespace.ts (known-error-tree.test.ts fails until it has both).

// Request shape
export const BodyParsingError = /* @__PURE__ */ define("BODY_PARSING_ERROR", 400, (message: string) => [message]);
export const SchemaError = /* @__PURE__ */ define("SCHEMA_ERROR", 400, (message: string) => [message, { message }]);
// Not in the upstream API: oversized bodies get 413 and other media types 415, as RFC 9110 §15.5.14 and §15.5.16 name them.
export const PayloadTooLarge = /* @__PURE__ */ define("PAYLOAD_TOO_LARGE", 413, (maxBytes: number) => [
  `The request body is larger than this endpoint accepts (${maxBytes} bytes).`,
  { max_bytes: maxBytes },
]);
export const UnsupportedMediaType = /* @__PURE__ */ define("UNSUPPORTED_MEDIA_TYPE", 415, (contentType: string) => [
  `This endpoint takes an application/json body, not ${contentType || "a body without a Content-Type"}.`,
]);

// Project authentication
export const ProjectAuthenticationError = /* @__PURE__ */ abstract("PROJECT_AUTHENTICATION_ERROR");
export const InvalidProjectAuthentication = /* @__PURE__ */ abstract("INVALID_PROJECT_AUTHENTICATION", ProjectAuthenticationError);
export const ProjectKeyWithoutAccessType = /* @__PURE__ */ define(
  "PROJECT_KEY_WITHOUT_ACCESS_TYPE",
  400,
  () => ["A project key or admin access token was sent without an access type header."],
  InvalidProjectAuthentication,
);
export const InvalidAccessType = /* @__PURE__ */ define(
  "INVALID_ACCESS_TYPE",
  400,
  (accessType: string) => [`The access type must be client, server or admin, not "${accessType}".`],
  InvalidProjectAuthentication,
);
export const AccessTypeWithoutProjectId = /* @__PURE__ */ define(
  "ACCESS_TYPE_WITHOUT_PROJECT_ID",
  400,
  (requestType: string) => [
    `An access type of "${requestType}" was sent without a project id header.`,
    { request_type: requestType },
  ],
  InvalidProjectAuthentication,
);
export const AccessTypeRequired = /* @__PURE__ */ define(
  "ACCESS_TYPE_REQUIRED",
  400,
  () => ["This endpoint needs project authentication: send a project id and an access type."],
  InvalidProjectAuthentication,
);
export const InsufficientAccessType = /* @__PURE__ */ define(
  "INSUFFICIENT_ACCESS_TYPE",
  401,
  (actual: string, allowed: readonly string[]) => [
    `The ${actual} access type may not use this endpoint; it needs one of: ${allowed.join(", ")}.`,
    { actual_access_type: actual, allowed_access_types: [...allowed] },
  ],
  InvalidProjectAuthentication,
);
export const InvalidPublishableClientKey = /* @__PURE__ */ define(
  "INVALID_PUBLISHABLE_CLIENT_KEY",
  401,
  (projectId: string) => ["The publishable client key is not valid for this project.", { project_id: projectId }],
  InvalidProjectAuthentication,
);
export const InvalidSecretServerKey = /* @__PURE__ */ define(
  "INVALID_SECRET_SERVER_KEY",
  401,
  (projectId: string) => ["The secret server key is not valid for this project.", { project_id: projectId }],
  InvalidProjectAuthentication,
);
export const InvalidSuperSecretAdminKey = /* @__PURE__ */ define(
  "INVALID_SUPER_SECRET_ADMIN_KEY",
  401,
  (projectId: string) => ["The super secret admin key is not valid for this project.", { project_id: projectId }],
  InvalidProjectAuthentication,
);
export const InvalidAdminAccessToken = /* @__PURE__ */ abstract("INVALID_ADMIN_ACCESS_TOKEN", InvalidProjectAuthentication);
export const UnparsableAdminAccessToken = /* @__PURE__ */ define(
  "UNPARSABLE_ADMIN_ACCESS_TOKEN",
  401,
  () => ["The admin access token could not be verified."],
  InvalidAdminAccessToken,
);
export const AdminAccessTokenExpired = /* @__PURE__ */ define(
  "ADMIN_ACCESS_TOKEN_EXPIRED",
  401,
  (expiredAt: Date | null) => [
    "The admin access token has expired.",
    { expired_at_millis: expiredAt?.getTime() ?? null },
  ],
  InvalidAdminAccessToken,
);
export const AdminAccessTokenIsNotAdmin = /* @__PURE__ */ define(
  "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN",
  401,
  () => ["The admin access token's user does not manage this project."],
  InvalidAdminAccessToken,
);
export const ProjectAuthenticationRequired = /* @__PURE__ */ abstract("PROJECT_AUTHENTICATION_REQUIRED", ProjectAuthenticationError);
export const PublishableClientKeyRequiredForProject = /* @__PURE__ */ define(
  "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
  401,
  (projectId: string | null) => [
    "This project requires a publishable client key.",
    { project_id: projectId },
  ],
  ProjectAuthenticationRequired,
);
export const ServerAuthenticationRequired = /* @__PURE__ */ define(
  "SERVER_AUTHENTICATION_REQUIRED",
  401,
  () => ["The server access type needs a secret server key."],
  ProjectAuthenticationRequired,
);
export const AdminAuthenticationRequired = /* @__PURE__ */ define(
  "ADMIN_AUTHENTICATION_REQUIRED",
  401,
  () => ["The admin access type needs a super secret admin key or an admin access token."],
  ProjectAuthenticationRequired,
);
export const ExpectedInternalProject = /* @__PURE__ */ define(
  "EXPECTED_INTERNAL_PROJECT",
  401,
  () => ["This endpoint is only available on the internal project."],
  ProjectAuthenticationError,
);

// Session authentication
export const SessionAuthenticationError = /* @__PURE__ */ abstract("SESSION_AUTHENTICATION_ERROR");
export const InvalidSessionAuthentication = /* @__PURE__ */ abstract("INVALID_SESSION_AUTHENTICATION", SessionAuthenticationError);
export const InvalidAccessToken = /* @__PURE__ */ abstract("INVALID_ACCESS_TOKEN", InvalidSessionAuthentication);
export const UnparsableAccessToken = /* @__PURE__ */ define(
  "UNPARSABLE_ACCESS_TOKEN",
  401,
  () => ["The access token could not be verified."],
  InvalidAccessToken,
);
export const AccessTokenExpired = /* @__PURE__ */ define(
  "ACCESS_TOKEN_EXPIRED",
  401,
  (claims: { expiredAt: Date | null; projectId: string | null; userId: string | null; refreshTokenId: string | null }) => [
    "The access token has expired. Refresh it and try again.",
    {
      expired_at_millis: claims.expiredAt?.getTime() ?? null,
      project_id: claims.projectId,
      user_id: claims.userId,
      refresh_token_id: claims.refreshTokenId,
    },
  ],
  InvalidAccessToken,
);
export const InvalidProjectForAccessToken = /* @__PURE__ */ define(
  "INVALID_PROJECT_FOR_ACCESS_TOKEN",
  401,
  (expected: string, actual: string) => [
    `The access token belongs to project ${actual}, not ${expected}.`,
    { expected_project_id: expected, actual_project_id: actual },
  ],
  InvalidAccessToken,
);
export const RefreshTokenError = /* @__PURE__ */ abstract("REFRESH_TOKEN_ERROR");
export const RefreshTokenNotFoundOrExpired = /* @__PURE__ */ define(
  "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
  401,
  () => ["The refresh token is unknown, expired or revoked. Sign in again."],
  RefreshTokenError,
);
export const CannotDeleteCurrentSession = /* @__PURE__ */ define(
  "CANNOT_DELETE_CURRENT_SESSION",
  400,
  () => ["Use sign-out to end the current session."],
  RefreshTokenError,
);
export const AnonymousAuthenticationNotAllowed = /* @__PURE__ */ define("ANONYMOUS_AUTHENTICATION_NOT_ALLOWED", 401, () => [
  "This request does not accept anonymous users; send x-hexclave-allow-anonymous-user: true.",
]);
export const RestrictedUserNotAllowed = /* @__PURE__ */ define(
  "RESTRICTED_USER_NOT_ALLOWED",
  403,
  (reason: { type: string }) => [
    "This request does not accept restricted users; send x-hexclave-allow-restricted-user: true.",
    { restricted_reason: reason },
  ],
);

// Users and projects
export const UserEmailAlreadyExists = /* @__PURE__ */ define(
  "USER_EMAIL_ALREADY_EXISTS",
  409,
  (email: string, wouldWorkIfEmailWasVerified = false) => [
    "An account with this email already exists.",
    { email, would_work_if_email_was_verified: wouldWorkIfEmailWasVerified },
  ],
);
export const CannotGetOwnUserWithoutUser = /* @__PURE__ */ define("CANNOT_GET_OWN_USER_WITHOUT_USER", 400, () => [
  "No user is signed in, so there is no current user.",
]);
export const UserIdDoesNotExist = /* @__PURE__ */ define("USER_ID_DOES_NOT_EXIST", 400, (userId: string) => [
  `No user with id ${userId} exists in this project.`,
  { user_id: userId },
]);
export const UserNotFound = /* @__PURE__ */ define("USER_NOT_FOUND", 404, () => ["User not found."]);
export const ProjectNotFound = /* @__PURE__ */ define("PROJECT_NOT_FOUND", 404, (projectId: string) => [
  `Project ${projectId} was not found or is not accessible.`,
  { project_id: projectId },
]);
export const CurrentProjectNotFound = /* @__PURE__ */ define("CURRENT_PROJECT_NOT_FOUND", 400, (projectId: string) => [
  `The project ${projectId} in the project id header does not exist.`,
  { project_id: projectId },
]);
export const BranchDoesNotExist = /* @__PURE__ */ define("BRANCH_DOES_NOT_EXIST", 400, (branchId: string) => [
  `The branch ${branchId} does not exist.`,
  { branch_id: branchId },
]);
export const SignUpNotEnabled = /* @__PURE__ */ define("SIGN_UP_NOT_ENABLED", 400, () => ["Sign-up is disabled for this project."]);
// Bot challenges (Cloudflare Turnstile): the invisible one failing asks the client for the visible one.
export const BotChallengeRequired = /* @__PURE__ */ define("BOT_CHALLENGE_REQUIRED", 409, () => [
  "The bot challenge was not passed; complete the visible challenge and try again.",
]);
export const BotChallengeFailed = /* @__PURE__ */ define("BOT_CHALLENGE_FAILED", 400, (message: string) => [message, { message }]);
export const PasswordAuthenticationNotEnabled = /* @__PURE__ */ define("PASSWORD_AUTHENTICATION_NOT_ENABLED", 400, () => [
  "Password sign-in is disabled for this project.",
]);
export const EmailPasswordMismatch = /* @__PURE__ */ define("EMAIL_PASSWORD_MISMATCH", 400, () => ["Wrong email or password."]);
export const MultiFactorAuthenticationRequired = /* @__PURE__ */ define("MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400, (attemptCode: string) => [
  "This account also needs a code from its authenticator app: continue at /auth/mfa/sign-in with this attempt code.",
  { attempt_code: attemptCode },
]);
export const InvalidTotpCode = /* @__PURE__ */ define("INVALID_TOTP_CODE", 400, () => ["That authenticator code is not right. Check the time on your device and try again."]);
// Recovery codes are ours: Stack Auth has none.
export const InvalidMfaRecoveryCode = /* @__PURE__ */ define("INVALID_MFA_RECOVERY_CODE", 400, () => [
  "That recovery code is not right, or it was already used.",
]);
export const MfaNotEnabled = /* @__PURE__ */ define("MFA_NOT_ENABLED", 400, () => [
  "Recovery codes belong to two-factor sign-in: turn on an authenticator app for this account first.",
]);
export const PasskeyAuthenticationNotEnabled = /* @__PURE__ */ define("PASSKEY_AUTHENTICATION_NOT_ENABLED", 400, () => [
  "Passkeys are turned off for this project.",
]);
export const PasskeyRegistrationFailed = /* @__PURE__ */ define("PASSKEY_REGISTRATION_FAILED", 400, (message: string) => [message]);
export const PasskeyWebAuthnError = /* @__PURE__ */ define("PASSKEY_WEBAUTHN_ERROR", 400, (message: string, code: string) => [
  `The browser's WebAuthn call failed: ${message}`,
  { message, code },
]);
export const PasskeyAuthenticationFailed = /* @__PURE__ */ define("PASSKEY_AUTHENTICATION_FAILED", 400, (message: string) => [message]);
/** Too many wrong passwords for one account, or from one client: sign-in by password pauses for `retry_after_seconds`. */
export const TooManySignInAttempts = /* @__PURE__ */ define("TOO_MANY_SIGN_IN_ATTEMPTS", 429, (retryAfterSeconds: number) => [
  `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds, reset your password, or sign in another way.`,
  { retry_after_seconds: retryAfterSeconds },
]);
export const RedirectUrlNotWhitelisted = /* @__PURE__ */ define("REDIRECT_URL_NOT_WHITELISTED", 400, () => [
  "The redirect URL is not a trusted domain of this project.",
]);
export const PasswordRequirementsNotMet = /* @__PURE__ */ abstract("PASSWORD_REQUIREMENTS_NOT_MET");
export const PasswordTooShort = /* @__PURE__ */ define(
  "PASSWORD_TOO_SHORT",
  400,
  (minLength: number) => [`The password must be at least ${minLength} characters long.`, { min_length: minLength }],
  PasswordRequirementsNotMet,
);
export const PasswordTooLong = /* @__PURE__ */ define(
  "PASSWORD_TOO_LONG",
  400,
  (maxLength: number) => [`The password must be at most ${maxLength} characters long.`, { maxLength }],
  PasswordRequirementsNotMet,
);
export const UserDoesNotHavePassword = /* @__PURE__ */ define("USER_DOES_NOT_HAVE_PASSWORD", 400, () => [
  "This account has no password.",
]);
export const PasswordConfirmationMismatch = /* @__PURE__ */ define("PASSWORD_CONFIRMATION_MISMATCH", 400, () => [
  "The old password is wrong.",
]);
export const UserAuthenticationRequired = /* @__PURE__ */ define("USER_AUTHENTICATION_REQUIRED", 401, () => [
  "This endpoint needs a signed-in user.",
]);
export const TeamNotFound = /* @__PURE__ */ define("TEAM_NOT_FOUND", 404, (teamId: string) => [
  `Team ${teamId} was not found.`,
  { team_id: teamId },
]);
export const TeamMembershipNotFound = /* @__PURE__ */ define("TEAM_MEMBERSHIP_NOT_FOUND", 404, (teamId: string, userId: string) => [
  `User ${userId} is not a member of team ${teamId}.`,
  { team_id: teamId, user_id: userId },
]);
export const InvalidOAuthClientIdOrSecret = /* @__PURE__ */ define(
  "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
  400,
  (clientId: string | null) => ["The OAuth client id or secret is not valid.", { client_id: clientId }],
);
export const TeamMembershipAlreadyExists = /* @__PURE__ */ define("TEAM_MEMBERSHIP_ALREADY_EXISTS", 409, () => ["The user is already a member of this team."]);
export const TeamInvitationRestrictedUserNotAllowed = /* @__PURE__ */ define(
  "TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED",
  403,
  (restrictedReason: { type: string }) => [
    "Restricted users (anonymous or with an unverified email) cannot accept team invitations.",
    { restricted_reason: restrictedReason },
  ],
);

// Permissions
export const PermissionNotFound = /* @__PURE__ */ define("PERMISSION_NOT_FOUND", 404, (permissionId: string) => [
  `Permission "${permissionId}" is not defined for this project.`,
  { permission_id: permissionId },
]);
export const WrongPermissionScope = /* @__PURE__ */ define(
  "WRONG_PERMISSION_SCOPE",
  404,
  (permissionId: string, expectedScope: string, actualScope: string | null) => [
    `Permission "${permissionId}" is a ${actualScope ?? "differently scoped"} permission, not a ${expectedScope} permission.`,
    { permission_id: permissionId, expected_scope: expectedScope, actual_scope: actualScope },
  ],
);
export const ContainedPermissionNotFound = /* @__PURE__ */ define("CONTAINED_PERMISSION_NOT_FOUND", 400, (permissionId: string) => [
  `The contained permission "${permissionId}" is not defined.`,
  { permission_id: permissionId },
]);
export const PermissionIdAlreadyExists = /* @__PURE__ */ define("PERMISSION_ID_ALREADY_EXISTS", 400, (permissionId: string) => [
  `A permission with id "${permissionId}" already exists.`,
  { permission_id: permissionId },
]);
export const ProjectPermissionRequired = /* @__PURE__ */ define("PROJECT_PERMISSION_REQUIRED", 401, (userId: string, permissionId: string) => [
  `User ${userId} needs the project permission "${permissionId}".`,
  { user_id: userId, permission_id: permissionId },
]);
export const TeamPermissionRequired = /* @__PURE__ */ define(
  "TEAM_PERMISSION_REQUIRED",
  401,
  (teamId: string, userId: string, permissionId: string) => [
    `User ${userId} needs the permission "${permissionId}" in team ${teamId}.`,
    { team_id: teamId, user_id: userId, permission_id: permissionId },
  ],
);
export const TeamPermissionNotFound = /* @__PURE__ */ define(
  "TEAM_PERMISSION_NOT_FOUND",
  401,
  (teamId: string, userId: string, permissionId: string) => [
    `User ${userId} was not directly granted "${permissionId}" in team ${teamId}.`,
    { team_id: teamId, user_id: userId, permission_id: permissionId },
  ],
);

// User and team API keys; any API_KEY_NOT_VALID makes the SDK's check return null.
export const ApiKeyNotValid = /* @__PURE__ */ abstract("API_KEY_NOT_VALID");
export const ApiKeyNotFound = /* @__PURE__ */ define("API_KEY_NOT_FOUND", 404, () => ["API key not found."], ApiKeyNotValid);
export const ApiKeyExpired = /* @__PURE__ */ define("API_KEY_EXPIRED", 401, () => ["The API key has expired."], ApiKeyNotValid);
export const ApiKeyRevoked = /* @__PURE__ */ define("API_KEY_REVOKED", 401, () => ["The API key has been revoked."], ApiKeyNotValid);
export const WrongApiKeyType = /* @__PURE__ */ define(
  "WRONG_API_KEY_TYPE",
  400,
  (expectedType: string, actualType: string) => [
    `Expected a ${expectedType} API key, got a ${actualType} API key.`,
    { expected_type: expectedType, actual_type: actualType },
  ],
  ApiKeyNotValid,
);
export const PublicApiKeyCannotBeRevoked = /* @__PURE__ */ define(
  "PUBLIC_API_KEY_CANNOT_BE_REVOKED",
  400,
  () => ["Public API keys are meant to be seen; they are not revoked as leaked."],
  ApiKeyNotValid,
);
// Not in the upstream API: a credential in a URL counts as leaked. No upstream request puts a key in a URL, so no client sends one.
export const CredentialInUrl = /* @__PURE__ */ define("CREDENTIAL_IN_URL", 400, () => [
  "A credential (an API key or refresh token) was sent in the URL, where logs and browser history keep it. It has been revoked as leaked; send credentials in headers or the request body.",
]);

// Verification codes
export const VerificationError = /* @__PURE__ */ abstract("VERIFICATION_ERROR");
export const VerificationCodeNotFound = /* @__PURE__ */ define("VERIFICATION_CODE_NOT_FOUND", 404, () => ["The verification code does not exist for this project."], VerificationError);
export const VerificationCodeExpired = /* @__PURE__ */ define("VERIFICATION_CODE_EXPIRED", 400, () => ["The verification code has expired."], VerificationError);
export const VerificationCodeAlreadyUsed = /* @__PURE__ */ define("VERIFICATION_CODE_ALREADY_USED", 409, () => ["The verification code has already been used."], VerificationError);
export const VerificationCodeMaxAttemptsReached = /* @__PURE__ */ define(
  "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED",
  400,
  () => ["Too many attempts with this code; request a new one."],
  VerificationError,
);

// Contact channels
export const EmailAlreadyVerified = /* @__PURE__ */ define("EMAIL_ALREADY_VERIFIED", 409, () => ["The email address is already verified."]);
export const EmailIsNotPrimaryEmail = /* @__PURE__ */ define("EMAIL_IS_NOT_PRIMARY_EMAIL", 400, (email: string, primaryEmail: string | null) => [
  `${email} is not the primary email of this user.`,
  { email, primary_email: primaryEmail },
]);
export const ContactChannelAlreadyUsedForAuthBySomeoneElse = /* @__PURE__ */ define(
  "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
  409,
  (type: string, value: string | null, wouldWorkIfEmailWasVerified: boolean) => [
    `This ${type} is already used to sign in to another account.`,
    { type, contact_channel_value: value, would_work_if_email_was_verified: wouldWorkIfEmailWasVerified },
  ],
);

// OAuth sign-in, linked provider accounts and connected accounts
export const OAuthProviderNotFoundOrNotEnabled = /* @__PURE__ */ define("OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400, () => [
  "This OAuth provider is not set up for sign-in on this project.",
]);
export const InvalidStandardOAuthProviderId = /* @__PURE__ */ define("INVALID_STANDARD_OAUTH_PROVIDER_ID", 400, (providerId: string) => [
  `There is no OAuth provider type called "${providerId}".`,
  { provider_id: providerId },
]);
export const InvalidSharedOAuthProviderId = /* @__PURE__ */ define("INVALID_SHARED_OAUTH_PROVIDER_ID", 400, (providerId: string) => [
  `The OAuth provider "${providerId}" uses shared development keys, which this server does not have: give it your own client id and secret.`,
  { provider_id: providerId },
]);
export const OAuthExtraScopeNotAvailableWithSharedOAuthKeys = /* @__PURE__ */ define("OAUTH_EXTRA_SCOPE_NOT_AVAILABLE_WITH_SHARED_OAUTH_KEYS", 400, () => [
  "Extra provider scopes need the project's own OAuth client id and secret, not the shared development keys.",
]);
export const OAuthAccessTokenNotAvailableWithSharedOAuthKeys = /* @__PURE__ */ define("OAUTH_ACCESS_TOKEN_NOT_AVAILABLE_WITH_SHARED_OAUTH_KEYS", 400, () => [
  "Provider access tokens need the project's own OAuth client id and secret, not the shared development keys.",
]);
export const OAuthConnectionNotConnectedToUser = /* @__PURE__ */ define("OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", 400, () => [
  "The user has no account of this provider connected.",
]);
export const OAuthConnectionAlreadyConnectedToAnotherUser = /* @__PURE__ */ define("OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER", 409, () => [
  "This provider account is already connected to another user.",
]);
export const OAuthConnectionDoesNotHaveRequiredScope = /* @__PURE__ */ define("OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE", 400, () => [
  "The connected account has not granted the scopes asked for; connect it again with those scopes.",
]);
export const OAuthAccessTokenNotAvailable = /* @__PURE__ */ define("OAUTH_ACCESS_TOKEN_NOT_AVAILABLE", 400, (provider: string, details: string) => [
  `No access token of ${provider} is available: ${details}`,
  { provider, details },
]);
export const UserAlreadyConnectedToAnotherOAuthConnection = /* @__PURE__ */ define("USER_ALREADY_CONNECTED_TO_ANOTHER_OAUTH_CONNECTION", 409, () => [
  "The user already has another account of this provider connected.",
]);
export const OAuthProviderAccountIdAlreadyUsedForSignIn = /* @__PURE__ */ define("OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN", 400, () => [
  "Another user already signs in with this provider account.",
]);
export const OuterOAuthTimeout = /* @__PURE__ */ define("OUTER_OAUTH_TIMEOUT", 408, () => [
  "The OAuth sign-in took longer than 10 minutes. Start it again.",
]);
export const InvalidScope = /* @__PURE__ */ define("INVALID_SCOPE", 400, (scope: string) => [`The OAuth scope must be "legacy", not "${scope}".`]);
export const InvalidAuthorizationCode = /* @__PURE__ */ define("INVALID_AUTHORIZATION_CODE", 400, () => [
  "The authorization code is unknown, expired, already used, or does not match its code verifier.",
]);
export const OAuthProviderAccessDenied = /* @__PURE__ */ define("OAUTH_PROVIDER_ACCESS_DENIED", 400, () => [
  "The sign-in was cancelled or refused at the OAuth provider.",
]);
export const OAuthProviderTemporarilyUnavailable = /* @__PURE__ */ define("OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE", 503, () => [
  "The OAuth provider could not be reached or gave an answer that is not usable. Try again later.",
]);
export const AppleBundleIdNotConfigured = /* @__PURE__ */ define("APPLE_BUNDLE_ID_NOT_CONFIGURED", 400, () => [
  "Native Sign in with Apple needs at least one Apple bundle id in the project's Apple provider.",
]);
export const InvalidAppleCredentials = /* @__PURE__ */ define("INVALID_APPLE_CREDENTIALS", 400, () => ["The Apple identity token is not valid."]);

// Data vault.
export const DataVaultStoreDoesNotExist = /* @__PURE__ */ define(
  "DATA_VAULT_STORE_DOES_NOT_EXIST",
  400,
  (storeId: string) => [`This project has no data vault store "${storeId}". Add it to dataVault.stores in the project config first.`, { store_id: storeId }],
);
export const DataVaultStoreHashedKeyDoesNotExist = /* @__PURE__ */ define(
  "DATA_VAULT_STORE_HASHED_KEY_DOES_NOT_EXIST",
  400,
  (storeId: string, hashedKey: string) => [`The data vault store "${storeId}" holds no value for this key.`, { store_id: storeId, hashed_key: hashedKey }],
);

// Webhooks.
export const SvixNotConfigured = /* @__PURE__ */ define("SVIX_NOT_CONFIGURED", 400, () => [
  "This server delivers webhooks itself and has no Svix to hand out app portal tokens for (set STACK_SVIX_API_KEY to use one). Manage endpoints through /internal/webhooks/endpoints instead.",
]);
export const WebhookEndpointNotFound = /* @__PURE__ */ define("WEBHOOK_ENDPOINT_NOT_FOUND", 404, (endpointId: string) => [
  "This project has no webhook endpoint with that id.",
  { endpoint_id: endpointId },
]);
export const WebhookEndpointUrlNotAllowed = /* @__PURE__ */ define("WEBHOOK_ENDPOINT_URL_NOT_ALLOWED", 400, (reason: string) => [
  `This webhook URL is not allowed: ${reason}`,
  { reason },
]);
export const WebhookDeliveryNotFound = /* @__PURE__ */ define("WEBHOOK_DELIVERY_NOT_FOUND", 404, (deliveryId: string) => [
  "This endpoint has no webhook delivery with that id.",
  { delivery_id: deliveryId },
]);

// CLI login; the last three are raised by the SDK, not the API.
export const InvalidPollingCode = /* @__PURE__ */ define("INVALID_POLLING_CODE", 400, () => ["The polling code is unknown."]);
export const CliAuthError = /* @__PURE__ */ define("CLI_AUTH_ERROR", 400, (message: string) => [message]);
export const CliAuthExpiredError = /* @__PURE__ */ define("CLI_AUTH_EXPIRED_ERROR", 400, () => ["The CLI login expired before it was approved."]);
export const CliAuthUsedError = /* @__PURE__ */ define("CLI_AUTH_USED_ERROR", 400, () => ["The CLI login was already completed."]);
