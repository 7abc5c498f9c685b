// The same import of our SDK (teams: what the backend serves so far, the selected team).
import { HexclaveClientApp } from "@stackframe/js";

const app = new HexclaveClientApp({ projectId: "00000000-0000-4000-8000-000000000000", tokenStore: "cookie" });
export async function run(email: string, password: string) {
  await app.signInWithCredential({ email, password });
  const user = await app.getUser({ or: "redirect" });
  return [user.selectedTeam?.displayName, await user.setSelectedTeam(null), await user.getActiveSessions()];
}
