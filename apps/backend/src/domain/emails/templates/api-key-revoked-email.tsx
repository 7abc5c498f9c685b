import { Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import type { EmailTheme } from "./themes";

export type ApiKeyRevokedEmailProps = {
  theme: EmailTheme;
  projectName: string;
  description: string;
  lastFour: string;
  /** The team that owned the key; null for a user's own key. */
  teamDisplayName: string | null;
};

/** Tells the owner of an API key that it was found in public and revoked (credential scanning, AK-04/AK-05). */
export function ApiKeyRevokedEmail({ theme, projectName, description, lastFour, teamDisplayName }: ApiKeyRevokedEmailProps) {
  const owner = teamDisplayName === null ? "your account" : `the team ${teamDisplayName}`;
  return (
    <EmailLayout theme={theme} projectName={projectName} preview={`An API key of ${owner} was revoked`} title="An API key was revoked">
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>
        The API key "{description}" of {owner}, ending in {lastFour}, was found where others could see it — in a public
        repository or in a URL — so it has been revoked and no longer works.
      </Text>
      <Text style={{ color: theme.text, fontSize: 15, lineHeight: "24px" }}>
        Create a new key to replace it, and keep keys out of source code and links.
      </Text>
    </EmailLayout>
  );
}
