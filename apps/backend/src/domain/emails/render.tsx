import { render } from "@react-email/render";
import type { ReactElement } from "react";
import type { ResolvedProject } from "../projects/project-cache";
import type { RenderedEmail } from "./outbox";
import { emailThemeOf } from "./templates/themes";
import { VerificationEmail } from "./templates/verification-email";

async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

/** The email that verifies a contact channel: a link to `callbackUrl?code=…`. */
export function renderVerificationEmail(project: ResolvedProject, link: string): Promise<RenderedEmail> {
  const projectName = project.row.displayName;
  const theme = emailThemeOf(project.config.emails.selectedThemeId);
  return renderEmail(`Verify your email for ${projectName}`, <VerificationEmail theme={theme} projectName={projectName} link={link} />);
}
