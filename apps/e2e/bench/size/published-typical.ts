// A typical browser import of the published SDK: the app, sign-in, the user and its teams.
import { StackClientApp } from "stack-js-2-8-108";

const app = new StackClientApp({ projectId: "00000000-0000-4000-8000-000000000000", tokenStore: "cookie" });
export async function run(email: string, password: string) {
  await app.signInWithCredential({ email, password });
  const user = await app.getUser({ or: "redirect" });
  return [user.selectedTeam?.displayName, await user.listTeams(), await user.getActiveSessions()];
}
