import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type VerificationEmailProps = { theme: EmailTheme; projectName: string; link: string };

export function VerificationEmail({ theme, projectName, link }: VerificationEmailProps) {
  return (
    <EmailLayout theme={theme} projectName={projectName} preview={`Verify your email at ${projectName}`} title="Verify your email address">
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>Confirm that this address is yours by opening the link below.</Text>
      <Button href={link} style={{ backgroundColor: theme.accent, color: theme.accentText, borderRadius: 8, padding: "12px 20px", fontWeight: 600 }}>
        Verify email
      </Button>
      <Text style={{ color: theme.muted, fontSize: 13, lineHeight: "20px", wordBreak: "break-all" }}>Or paste this link into your browser: {link}</Text>
    </EmailLayout>
  );
}
