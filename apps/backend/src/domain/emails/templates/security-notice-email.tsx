import { Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type SecurityNoticeEmailProps = {
  theme: EmailTheme;
  projectName: string;
  title: string;
  /** One sentence on what changed. */
  summary: string;
  /** When, as the reader should see it (with its time zone). */
  occurredAt: string;
  ip: string;
  /** The user agent the change was made with, already cut to a readable length. */
  device: string;
};

/**
 * Tells a user that their account's security changed (password, two-factor, recovery codes, passkey) and from where.
 * It carries no link: a mail that looks like this one and asks for a click is then plainly not from us. Everything the
 * request sent (the user agent) is rendered as text, so React escapes it.
 */
export function SecurityNoticeEmail({ theme, projectName, title, summary, occurredAt, ip, device }: SecurityNoticeEmailProps) {
  const body = { color: theme.text, fontSize: 15, lineHeight: "24px" };
  const label = { color: theme.muted, fontSize: 13, lineHeight: "20px", margin: "0" };
  const value = { color: theme.text, fontSize: 14, lineHeight: "20px", margin: "0 0 10px", wordBreak: "break-word" as const };
  return (
    <EmailLayout
      theme={theme}
      projectName={projectName}
      preview={summary}
      title={title}
      footer={`We email you whenever the security settings of your ${projectName} account change, so that you hear of a change you did not make.`}
    >
      <Text style={body}>{summary}</Text>
      <Section style={{ backgroundColor: theme.background, borderRadius: 8, padding: "12px 16px", margin: "0 0 16px" }}>
        <Text style={label}>When</Text>
        <Text style={value}>{occurredAt}</Text>
        <Text style={label}>IP address</Text>
        <Text style={value}>{ip}</Text>
        <Text style={label}>Device</Text>
        <Text style={{ ...value, margin: 0 }}>{device}</Text>
      </Section>
      <Text style={body}>If this was you, there is nothing to do.</Text>
      <Text style={body}>
        If it was not you, someone else may be able to sign in to your account. Reset your password now with "Forgot
        password?" on the {projectName} sign-in page (a reset signs every device out), check your two-factor and passkey
        settings, and contact {projectName}'s support.
      </Text>
    </EmailLayout>
  );
}
