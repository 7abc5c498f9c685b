import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type PasswordResetEmailProps = { theme: EmailTheme; projectName: string; link: string };

export function PasswordResetEmail({ theme, projectName, link }: PasswordResetEmailProps) {
  return (
    <EmailLayout theme={theme} projectName={projectName} preview={`Reset your password at ${projectName}`} title="Reset your password">
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>
        Someone asked to reset the password of your account. If it was you, choose a new password with the link below; your
        other devices will be signed out.
      </Text>
      <Button href={link} style={{ backgroundColor: theme.accent, color: theme.accentText, borderRadius: 8, padding: "12px 20px", fontWeight: 600 }}>
        Choose a new password
      </Button>
      <Text style={{ color: theme.muted, fontSize: 13, lineHeight: "20px", wordBreak: "break-all" }}>Or paste this link into your browser: {link}</Text>
    </EmailLayout>
  );
}
