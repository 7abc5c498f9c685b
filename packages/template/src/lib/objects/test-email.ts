import type { TestEmailConfigJson, TestEmailResultJson } from "@stackframe/stack-shared";

/** SMTP settings to try out; an empty `username` sends without authenticating. Port 465 uses TLS from the start. */
export type TestEmailConfig = {
  host: string;
  port: number;
  username: string;
  password: string;
  senderEmail: string;
  senderName: string;
};

/** Whether the server took the test email; when not, why, in words meant for the person who typed the settings. */
export type TestEmailResult = { success: true } | { success: false; errorMessage: string };

export function testEmailConfigToJson(config: TestEmailConfig): TestEmailConfigJson {
  return {
    host: config.host,
    port: config.port,
    username: config.username,
    password: config.password,
    sender_name: config.senderName,
    sender_email: config.senderEmail,
  };
}

export function testEmailResultFromJson(json: TestEmailResultJson): TestEmailResult {
  if (json.success) return { success: true };
  return { success: false, errorMessage: json.error_message ?? "The email could not be sent." };
}
