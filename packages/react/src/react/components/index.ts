// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
export { SignIn, type SignInProps } from "./sign-in.js";
export { SignUp, type SignUpProps } from "./sign-up.js";
export { UserButton, type UserButtonProps } from "./user-button.js";
export { AccountSettings, type AccountSettingsProps } from "./account-settings.js";
export { CliAuthConfirm } from "./cli-auth-confirm.js";
export { EmailVerification } from "./email-verification.js";
export { ForgotPassword } from "./forgot-password.js";
export { MagicLinkCallback } from "./magic-link-callback.js";
export { PasswordReset } from "./password-reset.js";
export { AcceptTeamInvitation } from "./accept-team-invitation.js";
export { HexclaveHandlerClient, type HexclaveHandlerClientProps } from "./handler.js";
export { HexclaveStyles, HexclaveTheme, StackTheme, type HexclaveThemeConfig, type HexclaveThemeVariable } from "./theme.js";
