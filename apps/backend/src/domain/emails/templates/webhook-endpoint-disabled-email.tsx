import { Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type WebhookEndpointDisabledEmailProps = {
  theme: EmailTheme;
  /** The sender: the project the admins sign in to the dashboard with. */
  projectName: string;
  /** The project whose endpoint was turned off. */
  endpointProjectName: string;
  endpointHost: string;
  reason: string;
};

/** Tells a project's admins that the server turned one of its webhook endpoints off, and what to do about it. */
export function WebhookEndpointDisabledEmail({ theme, projectName, endpointProjectName, endpointHost, reason }: WebhookEndpointDisabledEmailProps) {
  const body = { color: theme.text, fontSize: 15, lineHeight: "24px" };
  return (
    <EmailLayout
      theme={theme}
      projectName={projectName}
      preview={`Webhooks to ${endpointHost} have stopped`}
      title="A webhook endpoint was turned off"
      footer={`You received this email because you are an admin of ${endpointProjectName}.`}
    >
      <Text style={body}>
        The webhook endpoint at <b>{endpointHost}</b> of the project <b>{endpointProjectName}</b> was turned off: {reason}
      </Text>
      <Text style={body}>
        No events are sent to it until it is turned on again on the project's Webhooks page in the dashboard. Events
        queued behind the failed delivery are kept and go out, in order, once it is on; the failed delivery can be
        replayed from the endpoint's delivery log.
      </Text>
    </EmailLayout>
  );
}
