// The same import of our SDK (the app, sign-in, the user and its teams).
import { HexclaveClientApp } from "@stackframe/js";

const app = new HexclaveClientApp({ projectId: "00000000-0000-4000-8000-000000000000", tokenStore: "cookie" });
export async function run(email: string, password: string) {
  await app.signInWithCredential({ email, password });
  const user = await app.getUser({ or: "redirect" });
  return [user.selectedTeam?.displayName, await user.listTeams(), await user.getActiveSessions()];
}
