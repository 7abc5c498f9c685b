import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type TeamInvitationEmailProps = { theme: EmailTheme; projectName: string; teamDisplayName: string; teamInvitationLink: string };

export function TeamInvitationEmail({ theme, projectName, teamDisplayName, teamInvitationLink }: TeamInvitationEmailProps) {
  return (
    <EmailLayout theme={theme} projectName={projectName} preview={`You are invited to join ${teamDisplayName}`} title={`Join ${teamDisplayName}`}>
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>
        You have been invited to join the team {teamDisplayName} on {projectName}. Open the link below to accept; the invitation is valid for 7 days.
      </Text>
      <Button href={teamInvitationLink} style={{ backgroundColor: theme.accent, color: theme.accentText, borderRadius: 8, padding: "12px 20px", fontWeight: 600 }}>
        Join {teamDisplayName}
      </Button>
      <Text style={{ color: theme.muted, fontSize: 13, lineHeight: "20px", wordBreak: "break-all" }}>Or paste this link into your browser: {teamInvitationLink}</Text>
    </EmailLayout>
  );
}
