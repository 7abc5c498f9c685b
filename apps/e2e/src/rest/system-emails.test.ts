import { beforeAll, describe, expect, it } from "vitest";
import { type CaughtEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
import { teamsOf } from "./team-helpers";

// The emails the backend writes itself: subjects begin as Stack Auth's default templates do (inbox rules and apps
// moving over match on them), and through the shared server they come from the project by name.
const PROJECT_NAME = "Acme Widgets";
const CALLBACK = "http://localhost:3000/handler/callback";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject(PROJECT_NAME);
  await enableMagicLinks(project);
});

const client = () => projectHeaders(project, "client");
const mailTo = (email: string) => waitForEmail(testEnv().maildev.webUrl, email);

/** The backend's test configuration sends through the shared server as noreply@hexclave.test. */
function expectFromProject(mail: CaughtEmail) {
  expect(mail.from).toEqual([{ address: "noreply@hexclave.test", name: PROJECT_NAME }]);
}

describe("system emails", () => {
  it("sends the verification email as 'Verify your email at <project>', from the project", async () => {
    const email = uniqueEmail("verify");
    await api("/api/v1/auth/password/sign-up", { headers: client(), body: { email, password: "correct horse battery", verification_callback_url: CALLBACK } });
    const mail = await mailTo(email);
    expect(mail.subject).toBe(`Verify your email at ${PROJECT_NAME}`);
    expectFromProject(mail);
  });

  it("sends the reset email as 'Reset your password at <project>', from the project", async () => {
    const user = await signUpWithPassword(project);
    await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: user.email, callback_url: CALLBACK } });
    const mail = await mailTo(user.email);
    expect(mail.subject).toBe(`Reset your password at ${PROJECT_NAME}`);
    expectFromProject(mail);
  });

  it("sends the sign-in code as 'Sign in to <project>: Your code is <code>', the code the email shows", async () => {
    const email = uniqueEmail("otp");
    await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email, callback_url: CALLBACK } });
    const mail = await mailTo(email);
    const otp = /^Sign in to Acme Widgets: Your code is ([A-Z2-7]{6})$/.exec(mail.subject)?.[1];
    expect(otp).toBeDefined();
    expect(mail.text).toContain(otp);
    expectFromProject(mail);
  });

  it("sends a team invitation as 'You have been invited to join <team>', from the project", async () => {
    const t = teamsOf(project);
    const owner = await signUpWithPassword(project);
    const team = await api("/api/v1/teams", { headers: t.server(), body: { display_name: "Rocket Team", creator_user_id: owner.userId } });
    const email = uniqueEmail("invitee");
    expect((await t.sendInvitation(t.server(), team.body.id, email)).status).toBe(200);
    const mail = await mailTo(email);
    expect(mail.subject).toBe("You have been invited to join Rocket Team");
    expectFromProject(mail);
  });
});
