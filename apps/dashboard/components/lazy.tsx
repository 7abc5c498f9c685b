"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { LoadingRows } from "./states";

// The forms (react-hook-form and zod, some 30 KB gzipped), the JSON editors and the team's member table arrive after
// the page's first load: dialogs when first opened, cards while the page's own data is still on its way, so no page
// pays for them before it can show anything.
const loading = () => <LoadingRows rows={2} label="Loading the form" />;
const loadingCard = () => <LoadingRows rows={3} label="Loading" />;

export const LazyNewProjectDialog = dynamic(() => import("./new-project-dialog").then((m) => m.NewProjectDialog), { ssr: false });
export const LazyNewKeySetDialog = dynamic(() => import("./new-key-set-dialog").then((m) => m.NewKeySetDialog), { ssr: false });
export const LazyNewTeamDialog = dynamic(() => import("./team/new-team-dialog").then((m) => m.NewTeamDialog), { ssr: false });
export const LazyPermissionDefinitionDialog = dynamic(() => import("./permissions/permission-definition-dialog").then((m) => m.PermissionDefinitionDialog), {
  ssr: false,
});
export const LazyWebhookEndpointDialog = dynamic(() => import("./webhooks/endpoint-dialog").then((m) => m.EndpointDialog), { ssr: false });
export const LazyOAuthProviderDialog = dynamic(() => import("./oauth-provider-dialog").then((m) => m.OAuthProviderDialog), { ssr: false });
export const LazyDefaultPermissionsCard = dynamic(() => import("./permissions/default-permissions-card").then((m) => m.DefaultPermissionsCard), { ssr: false, loading });
export const LazyProfileCard = dynamic(() => import("./user/profile-card").then((m) => m.ProfileCard), { ssr: false, loading });
export const LazyAddContactChannelForm = dynamic(() => import("./user/add-contact-channel-form").then((m) => m.AddContactChannelForm), { ssr: false, loading });
export const LazyTeamProfileCard = dynamic(() => import("./team/team-profile-card").then((m) => m.TeamProfileCard), { ssr: false, loading });
export const LazyAddMemberForm = dynamic(() => import("./team/add-member-form").then((m) => m.AddMemberForm), { ssr: false, loading });
export const LazyProjectGeneralForm = dynamic(() => import("./project-general-form").then((m) => m.ProjectGeneralForm), { ssr: false, loading });
export const LazyAddDomainForm = dynamic(() => import("./domains/add-domain-form").then((m) => m.AddDomainForm), { ssr: false, loading });
export const LazyAddStoreForm = dynamic(() => import("./data-vault/add-store-form").then((m) => m.AddStoreForm), { ssr: false, loading });
export const LazyEmailServerCard = dynamic(() => import("./emails/email-server-card").then((m) => m.EmailServerCard), { ssr: false, loading });
export const LazyMetadataCard = dynamic(() => import("./metadata-card").then((m) => m.MetadataCard), { ssr: false, loading: loadingCard });
export const LazyTeamMembersCard = dynamic(() => import("./team/team-members-card").then((m) => m.TeamMembersCard), { ssr: false, loading: loadingCard });
export const LazyTeamInvitationsCard = dynamic(() => import("./team/team-invitations-card").then((m) => m.TeamInvitationsCard), { ssr: false, loading });

/** True from the first time `open` is: a dialog's code loads when it is first opened, then stays for its close animation. */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened;
}
