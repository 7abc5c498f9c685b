import { apiKeyRoute } from "./client-interface";
import type { HexclaveHttpClient } from "./http-client";
import type { InternalSession } from "./session";
import type {
  ApiKeyCreateJson,
  ApiKeyFirstViewJson,
  ApiKeyJson,
  ApiKeyOwnerJson,
  ApiKeyUpdateJson,
  ContactChannelJson,
  ContactChannelUpdateJson,
  ListJson,
  PasskeyCeremonyJson,
  PasskeyCreationOptionsJson,
  PasskeyRequestOptionsJson,
  SignInResponse,
  TeamInvitationJson,
  TeamMemberProfileJson,
} from "./wire-types";

// Calls of the signed-in user that few pages make: functions rather than ClientInterface methods, so that a bundler
// drops the ones an app never calls and the SDK's code that does call them can load on demand.

// Ids come from callers: escaped, none can point a request at another path.
const segment = encodeURIComponent;

export async function listContactChannels(http: HexclaveHttpClient, session: InternalSession): Promise<ContactChannelJson[]> {
  return (await http.request<ListJson<ContactChannelJson>>("/contact-channels", { query: { user_id: "me" } }, session, "client")).items;
}

export function createContactChannel(http: HexclaveHttpClient, body: { value: string; used_for_auth: boolean; is_primary?: boolean }, session: InternalSession) {
  return http.request<ContactChannelJson>("/contact-channels", { method: "POST", body: { user_id: "me", type: "email", ...body } }, session, "client");
}

export function updateContactChannel(http: HexclaveHttpClient, id: string, body: ContactChannelUpdateJson, session: InternalSession) {
  return http.request<ContactChannelJson>(`/contact-channels/me/${encodeURIComponent(id)}`, { method: "PATCH", body }, session, "client");
}

export async function deleteContactChannel(http: HexclaveHttpClient, id: string, session: InternalSession): Promise<void> {
  await http.send(`/contact-channels/me/${encodeURIComponent(id)}`, { method: "DELETE" }, session, "client");
}

export async function sendContactChannelVerification(http: HexclaveHttpClient, id: string, callbackUrl: string, session: InternalSession): Promise<void> {
  const path = `/contact-channels/me/${encodeURIComponent(id)}/send-verification-code`;
  await http.send(path, { method: "POST", body: { callback_url: callbackUrl } }, session, "client");
}

/** How many unused recovery codes the signed-in user has; 0 without two-factor sign-in. */
export async function getRemainingRecoveryCodeCount(http: HexclaveHttpClient, session: InternalSession): Promise<number> {
  return (await http.request<{ remaining: number }>("/auth/mfa/recovery-codes", {}, session, "client")).remaining;
}

/** Ten new recovery codes, replacing every earlier one; the server keeps only digests, so this is the one look. */
export async function generateRecoveryCodes(http: HexclaveHttpClient, session: InternalSession): Promise<string[]> {
  return (await http.request<{ recovery_codes: string[] }>("/auth/mfa/recovery-codes", { method: "POST", body: {} }, session, "client")).recovery_codes;
}

export function initiatePasskeyRegistration(http: HexclaveHttpClient, session: InternalSession) {
  const path = "/auth/passkey/initiate-passkey-registration";
  return http.request<PasskeyCeremonyJson<PasskeyCreationOptionsJson>>(path, { method: "POST", body: {} }, session, "client");
}

/** `credential` is the browser's RegistrationResponseJSON; a user's new passkey replaces their old one. */
export function postPasskeyRegistration(http: HexclaveHttpClient, body: { code: string; credential: object }, session: InternalSession) {
  return http.request<{ user_handle: string }>("/auth/passkey/register", { method: "POST", body }, session, "client");
}

export function initiatePasskeyAuthentication(http: HexclaveHttpClient, session: InternalSession) {
  const path = "/auth/passkey/initiate-passkey-authentication";
  return http.request<PasskeyCeremonyJson<PasskeyRequestOptionsJson>>(path, { method: "POST", body: {} }, session, "client");
}

/** `authentication_response` is the browser's AuthenticationResponseJSON. */
export function postPasskeySignIn(http: HexclaveHttpClient, body: { code: string; authentication_response: object }, session: InternalSession) {
  return http.request<SignInResponse>("/auth/passkey/sign-in", { method: "POST", body }, session, "client");
}

export function startCliLogin(http: HexclaveHttpClient, body: { expires_in_millis?: number; anon_refresh_token?: string }) {
  return http.request<{ polling_code: string; login_code: string; expires_at: string }>("/auth/cli", { method: "POST", body }, null, "client");
}

export function pollCliLogin(http: HexclaveHttpClient, pollingCode: string) {
  return http.request<{ status: "waiting" | "expired" | "used" | "success"; refresh_token?: string }>(
    "/auth/cli/poll",
    { method: "POST", body: { polling_code: pollingCode } },
    null,
    "client",
  );
}

export async function completeCliLogin(http: HexclaveHttpClient, loginCode: string, refreshToken: string, session: InternalSession): Promise<void> {
  await http.send("/auth/cli/complete", { method: "POST", body: { login_code: loginCode, mode: "complete", refresh_token: refreshToken } }, session, "client");
}

export async function listTeamMemberProfiles(http: HexclaveHttpClient, teamId: string, session: InternalSession): Promise<TeamMemberProfileJson[]> {
  const list = await http.request<ListJson<TeamMemberProfileJson>>("/team-member-profiles", { query: { team_id: teamId } }, session, "client");
  return list.items;
}

export function getTeamMemberProfile(http: HexclaveHttpClient, teamId: string, userId: string, session: InternalSession) {
  return http.request<TeamMemberProfileJson>(`/team-member-profiles/${segment(teamId)}/${segment(userId)}`, {}, session, "client");
}

export function updateTeamMemberProfile(http: HexclaveHttpClient, teamId: string, userId: string, body: { display_name?: string; profile_image_url?: string | null }, session: InternalSession) {
  return http.request<TeamMemberProfileJson>(`/team-member-profiles/${segment(teamId)}/${segment(userId)}`, { method: "PATCH", body }, session, "client");
}

export async function sendTeamInvitation(http: HexclaveHttpClient, body: { team_id: string; email: string; callback_url: string }, session: InternalSession): Promise<void> {
  await http.send("/team-invitations/send-code", { method: "POST", body }, session, "client");
}

export async function listTeamInvitations(http: HexclaveHttpClient, teamId: string, session: InternalSession): Promise<TeamInvitationJson[]> {
  return (await http.request<ListJson<TeamInvitationJson>>("/team-invitations", { query: { team_id: teamId } }, session, "client")).items;
}

export async function revokeTeamInvitation(http: HexclaveHttpClient, invitationId: string, teamId: string, session: InternalSession): Promise<void> {
  await http.send(`/team-invitations/${segment(invitationId)}`, { method: "DELETE", query: { team_id: teamId } }, session, "client");
}

/** Pending invitations addressed to one of the signed-in user's verified emails. */
export async function listCurrentUserTeamInvitations(http: HexclaveHttpClient, session: InternalSession): Promise<TeamInvitationJson[]> {
  return (await http.request<ListJson<TeamInvitationJson>>("/team-invitations", { query: { user_id: "me" } }, session, "client")).items;
}

export async function acceptTeamInvitationById(http: HexclaveHttpClient, invitationId: string, session: InternalSession): Promise<void> {
  await http.send(`/team-invitations/${segment(invitationId)}/accept`, { method: "POST", query: { user_id: "me" } }, session, "client");
}

export function createApiKey(http: HexclaveHttpClient, owner: ApiKeyOwnerJson, body: ApiKeyCreateJson, session: InternalSession) {
  return http.request<ApiKeyFirstViewJson>(apiKeyRoute(owner).path, { method: "POST", body: { ...owner, ...body } }, session, "client");
}

export async function listApiKeys(http: HexclaveHttpClient, owner: ApiKeyOwnerJson, session: InternalSession): Promise<ApiKeyJson[]> {
  const { path, query } = apiKeyRoute(owner);
  return (await http.request<ListJson<ApiKeyJson>>(path, { query }, session, "client")).items;
}

export function getApiKey(http: HexclaveHttpClient, owner: ApiKeyOwnerJson, apiKeyId: string, session: InternalSession) {
  const { path, query } = apiKeyRoute(owner);
  return http.request<ApiKeyJson>(`${path}/${segment(apiKeyId)}`, { query }, session, "client");
}

export function updateApiKey(http: HexclaveHttpClient, owner: ApiKeyOwnerJson, apiKeyId: string, body: ApiKeyUpdateJson, session: InternalSession) {
  const { path, query } = apiKeyRoute(owner);
  return http.request<ApiKeyJson>(`${path}/${segment(apiKeyId)}`, { method: "PATCH", query, body }, session, "client");
}

// The account and its password, and signing in with an emailed code.

export async function updatePassword(http: HexclaveHttpClient, body: { old_password: string; new_password: string }, session: InternalSession): Promise<void> {
  await http.send("/auth/password/update", { method: "POST", body }, session, "client");
}

export async function setPassword(http: HexclaveHttpClient, body: { password: string }, session: InternalSession): Promise<void> {
  await http.send("/auth/password/set", { method: "POST", body }, session, "client");
}

export async function deleteCurrentUser(http: HexclaveHttpClient, session: InternalSession): Promise<void> {
  await http.send("/users/me", { method: "DELETE" }, session, "client");
}

/** Mails a verification link for the signed-in user's primary email (the deprecated route the SDKs call). */
export async function sendVerificationEmail(http: HexclaveHttpClient, email: string, callbackUrl: string, session: InternalSession): Promise<void> {
  await http.send("/contact-channels/send-verification-code", { method: "POST", body: { email, callback_url: callbackUrl } }, session, "client");
}

export function sendSignInCode(http: HexclaveHttpClient, email: string, callbackUrl: string) {
  return http.request<{ nonce: string }>("/auth/otp/send-sign-in-code", { method: "POST", body: { email, callback_url: callbackUrl } }, null, "client");
}

export function signInWithCode(http: HexclaveHttpClient, code: string, session: InternalSession) {
  return http.request<SignInResponse & { is_new_user: boolean }>("/auth/otp/sign-in", { method: "POST", body: { code } }, session, "client");
}

// The pages behind emailed links, and the second step of a two-factor sign-in.

export async function verifyEmail(http: HexclaveHttpClient, code: string): Promise<void> {
  await http.send("/contact-channels/verify", { method: "POST", body: { code } }, null, "client");
}

export async function sendPasswordResetEmail(http: HexclaveHttpClient, email: string, callbackUrl: string): Promise<void> {
  await http.send("/auth/password/send-reset-code", { method: "POST", body: { email, callback_url: callbackUrl } }, null, "client");
}

export async function resetPassword(http: HexclaveHttpClient, code: string, password: string): Promise<void> {
  await http.send("/auth/password/reset", { method: "POST", body: { code, password } }, null, "client");
}

export async function checkPasswordResetCode(http: HexclaveHttpClient, code: string): Promise<void> {
  await http.send("/auth/password/reset/check-code", { method: "POST", body: { code } }, null, "client");
}

export async function checkTeamInvitationCode(http: HexclaveHttpClient, code: string, session: InternalSession): Promise<void> {
  await http.send("/team-invitations/accept/check-code", { method: "POST", body: { code } }, session, "client");
}

/** Joins the team of an invitation link's code; the link works for whoever holds it and is signed in. */
export async function acceptTeamInvitation(http: HexclaveHttpClient, code: string, session: InternalSession): Promise<void> {
  await http.send("/team-invitations/accept", { method: "POST", body: { code } }, session, "client");
}

/** The team an invitation code is for, without using the code. */
export function getTeamInvitationDetails(http: HexclaveHttpClient, code: string, session: InternalSession) {
  return http.request<{ team_id: string; team_display_name: string }>("/team-invitations/accept/details", { method: "POST", body: { code } }, session, "client");
}

export function signInWithMfa(http: HexclaveHttpClient, body: { code: string; totp: string }, session: InternalSession) {
  return http.request<SignInResponse & { is_new_user: boolean }>("/auth/mfa/sign-in", { method: "POST", body: { ...body, type: "totp" } }, session, "client");
}

/** The second step with one of the user's single-use recovery codes instead of the authenticator's code. */
export function signInWithRecoveryCode(http: HexclaveHttpClient, body: { code: string; recovery_code: string }, session: InternalSession) {
  const init = { method: "POST" as const, body: { ...body, type: "recovery_code" } };
  return http.request<SignInResponse & { is_new_user: boolean }>("/auth/mfa/sign-in", init, session, "client");
}
