import { sendTestEmail } from "../domain/emails/test-email";
import { sendOneEmail } from "../lib/email-transport";
import { defineRoute } from "./define-route";
import { testEmailRequest, testEmailResponse } from "./schemas/test-email";
import { ADMIN_ACCESS } from "./route-policy";

export const internalSendTestEmailRoutes = [
  defineRoute({
    method: "post",
    path: "/internal/send-test-email",
    summary: "Send a test email through the SMTP settings given, to check them before saving",
    tags: ["Emails"],
    access: ADMIN_ACCESS,
    body: testEmailRequest,
    response: { status: 200, description: "Whether the server took the email; a failure says why, as `error_message`", schema: testEmailResponse },
    handler: async ({ c, services, auth, body }) => {
      const config = body.email_config;
      const result = await sendTestEmail(
        services.db,
        auth.tenancy,
        {
          recipientEmail: body.recipient_email.trim(),
          settings: {
            host: config.host,
            port: config.port,
            username: config.username || undefined,
            password: config.password,
            secure: config.port === 465,
            senderEmail: config.sender_email.trim(),
            senderName: config.sender_name,
          },
        },
        { sendOne: sendOneEmail, apiUrl: services.config.apiUrl },
      );
      return c.json(result.success ? { success: true } : { success: false, error_message: result.errorMessage });
    },
  }),
];
