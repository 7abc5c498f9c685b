// What few pages use, in one chunk that loads on the first call of any of it (see lazyMethods): one chunk rather than
// one per feature, since every chunk split off also splits the code it shares with the page into chunks of their own.
export {
  acceptTeamInvitation,
  checkPasswordResetCode,
  checkTeamInvitationCode,
  getTeamInvitationDetails,
  resetPassword,
  sendPasswordResetEmail,
  sendSignInCode,
  signInWithCode,
  signInWithMfa,
  signInWithRecoveryCode,
  verifyEmail,
} from "@stackframe/stack-shared/client-calls";
export { confirmCliLogin, promptCliLogin } from "./cli-login.js";
export { startOAuth } from "./oauth/authorize.js";
export { exchangeOAuthCallback } from "./oauth/callback.js";
export { apiKeyCreationToJson, apiKeyFromJson } from "./objects/api-key.js";
export { ownedApiKeyMethods } from "./objects/owned-api-keys.js";
export { receivedTeamInvitationFromJson, sentTeamInvitationFromJson } from "./objects/team-invitation.js";
export { teamMemberProfileFromJson, teamMemberProfileUpdateToJson } from "./objects/team-member.js";
export { teamPeopleMethods, userTeamPeopleMethods } from "./objects/team-people.js";
export { userAccountMethods } from "./objects/user-account.js";
export { userContactChannelMethods } from "./objects/user-contact-channels.js";
export { userOAuthMethods } from "./objects/user-oauth.js";
export { userSignInFactorMethods } from "./objects/user-sign-in-factors.js";
export { passkeyHostname, signInWithPasskey } from "./passkeys.js";
