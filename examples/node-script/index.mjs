// A plain Node.js script against a Hexclave backend: `pnpm start` here, after `pnpm dev` at the repository root.
// Settings come from the environment (HEXCLAVE_API_URL, HEXCLAVE_PROJECT_ID, HEXCLAVE_PUBLISHABLE_CLIENT_KEY,
// HEXCLAVE_SECRET_SERVER_KEY); without them it uses the demo project's keys that `pnpm dev` wrote to .hexclave/dev-keys.json.
import { existsSync, readFileSync } from "node:fs";
import { HexclaveClientApp, HexclaveServerApp } from "@stackframe/js";

const devKeysFile = new URL("../../.hexclave/dev-keys.json", import.meta.url);
const devKeys = existsSync(devKeysFile) ? (JSON.parse(readFileSync(devKeysFile, "utf8")).demo ?? {}) : {};
const options = {
  baseUrl: process.env.HEXCLAVE_API_URL ?? "http://localhost:8102",
  projectId: process.env.HEXCLAVE_PROJECT_ID ?? "demo",
  publishableClientKey: process.env.HEXCLAVE_PUBLISHABLE_CLIENT_KEY ?? devKeys.publishableClientKey,
};
const secretServerKey = process.env.HEXCLAVE_SECRET_SERVER_KEY ?? devKeys.secretServerKey;

// A client keeps its session in memory: the way a CLI or a test acts as one user.
const client = new HexclaveClientApp({ ...options, tokenStore: "memory" });
const email = `script-${Date.now()}@example.com`;
const password = "correct horse battery staple";

const signUp = await client.signUpWithCredential({ email, password, noVerificationCallback: true });
if (signUp.status === "error") throw signUp.error;
const user = await client.getUser({ or: "throw" });
console.log(`Signed up ${user.primaryEmail} (user ${user.id}).`);

await user.update({ displayName: "Script User" });
console.log(`Display name is now "${(await client.getUser({ or: "throw" })).displayName}".`);

// The header to send to your own server; there `new HexclaveServerApp(...).getUser({ tokenStore: request })` reads it.
console.log(`Authorization header for your API: ${(await user.getAuthorizationHeader())?.slice(0, 40)}…`);

await client.signOut();
const signIn = await client.signInWithCredential({ email, password, noRedirect: true });
console.log(`Signed in again: ${signIn.status}; active sessions: ${(await (await client.getUser({ or: "throw" })).getActiveSessions()).length}.`);

// A server app sees every user of the project (it needs the secret server key).
const server = new HexclaveServerApp({ ...options, secretServerKey, tokenStore: null });
const page = await server.listUsers({ limit: 5, orderBy: "signedUpAt", desc: true });
console.log(`Newest users: ${page.map((u) => u.primaryEmail).join(", ")}${page.nextCursor ? ", …" : ""}`);

await (await server.getUser(user.id))?.delete();
console.log(`Deleted ${email}; getUser now returns ${await server.getUser(user.id)}.`);
