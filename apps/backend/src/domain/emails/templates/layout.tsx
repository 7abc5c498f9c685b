import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { EmailTheme } from "./themes";

export type LayoutProps = {
  theme: EmailTheme;
  projectName: string;
  preview: string;
  title: string;
  /** Why the mail came, in place of the usual "if it was not you, ignore it", for mails that must not be ignored. */
  footer?: string;
  children: ReactNode;
};

/** The frame of every system email: the project's name, a card, and a footer saying why the mail came. */
export function EmailLayout({ theme, projectName, preview, title, footer, children }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: theme.background, fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "32px 0" }}>
        <Container style={{ maxWidth: 480, margin: "0 auto", backgroundColor: theme.card, border: `1px solid ${theme.border}`, borderRadius: 12, padding: "32px" }}>
          <Text style={{ color: theme.muted, fontSize: 14, margin: "0 0 8px" }}>{projectName}</Text>
          <Heading as="h1" style={{ color: theme.text, fontSize: 22, margin: "0 0 16px" }}>
            {title}
          </Heading>
          <Section>{children}</Section>
          <Hr style={{ borderColor: theme.border, margin: "24px 0 16px" }} />
          <Text style={{ color: theme.muted, fontSize: 12, margin: 0 }}>
            {footer ?? <>You received this email because of an action on your {projectName} account. If it was not you, ignore it.</>}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
