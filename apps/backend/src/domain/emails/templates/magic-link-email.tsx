import { Button, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type MagicLinkEmailProps = { theme: EmailTheme; projectName: string; link: string; otp: string };

export function MagicLinkEmail({ theme, projectName, link, otp }: MagicLinkEmailProps) {
  return (
    <EmailLayout theme={theme} projectName={projectName} preview={`Your ${projectName} sign-in code is ${otp}`} title={`Sign in to ${projectName}`}>
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>Enter this code where you asked to sign in:</Text>
      <Section style={{ backgroundColor: theme.background, borderRadius: 8, padding: "12px 16px", margin: "0 0 16px" }}>
        <Text style={{ color: theme.text, fontSize: 28, fontWeight: 700, letterSpacing: "6px", margin: 0, textAlign: "center" }}>{otp}</Text>
      </Section>
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>Or sign in with one click:</Text>
      <Button href={link} style={{ backgroundColor: theme.accent, color: theme.accentText, borderRadius: 8, padding: "12px 20px", fontWeight: 600 }}>
        Sign in
      </Button>
      <Text style={{ color: theme.muted, fontSize: 13, lineHeight: "20px", wordBreak: "break-all" }}>Or paste this link into your browser: {link}</Text>
    </EmailLayout>
  );
}
