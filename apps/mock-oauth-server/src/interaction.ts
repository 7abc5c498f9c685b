import type { IncomingMessage, ServerResponse } from "node:http";
import type { Interaction, Provider } from "oidc-provider";
import type { AccountStore } from "./accounts";
import { renderErrorPage, renderLoginPage } from "./login-page";

export function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64 * 1024) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

/** Sign-ins never reuse a browser's earlier session: resuming would otherwise first ask to sign the old account out. */
async function forgetSession(provider: Provider, interaction: Interaction) {
  if (!interaction.session?.uid) return;
  await (await provider.Session.findByUid(interaction.session.uid))?.destroy();
  interaction.session = undefined;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
}

/**
 * Login and consent in one step, whichever prompt oidc-provider stopped at: the form signs in, and every requested
 * scope is granted, unknown ones included.
 */
export async function handleInteraction(provider: Provider, accounts: AccountStore, req: IncomingMessage, res: ServerResponse, path: string) {
  const interaction = await provider.interactionDetails(req, res);
  const clientId = String(interaction.params.client_id);
  const scopes = String(interaction.params.scope ?? "").split(" ").filter(Boolean);
  const resources = [interaction.params.resource ?? []].flat().map(String);
  const grantScopes = (grant: InstanceType<Provider["Grant"]>) => {
    if (scopes.length === 0) return;
    grant.addOIDCScope(scopes.join(" "));
    for (const resource of resources) grant.addResourceScope(resource, scopes.join(" "));
  };

  const page = { action: path, clientId, scopes };
  if (req.method === "GET") {
    const hint = typeof interaction.params.login_hint === "string" ? interaction.params.login_hint : undefined;
    return send(res, 200, "text/html; charset=utf-8", renderLoginPage({ ...page, email: hint }));
  }
  if (req.method !== "POST") return send(res, 405, "text/html; charset=utf-8", renderErrorPage("Use the sign-in form."));

  const form = await readForm(req);
  // Stack Auth's own test helpers drive a mock provider in two steps, `prompt=login` with the email in `login`, then
  // `prompt=consent`; both are answered here too, so those tests can run against this server unchanged.
  if (form.get("prompt") === "consent") {
    const grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : new provider.Grant({ accountId: interaction.session?.accountId, clientId });
    if (!grant) return send(res, 400, "text/html; charset=utf-8", renderErrorPage("This sign-in has no grant to consent to."));
    grantScopes(grant);
    return await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  if (form.get("prompt") === "login" && form.has("login")) {
    const accountId = accounts.signIn({ email: (form.get("login") ?? "").trim(), emailVerified: true });
    await forgetSession(provider, interaction);
    return await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }
  const email = (form.get("email") ?? "").trim();
  const name = (form.get("name") ?? "").trim();
  const emailVerified = form.has("email_verified");
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    return send(res, 400, "text/html; charset=utf-8", renderLoginPage({ ...page, email, name, emailVerified, error: "Enter an email address." }));
  }
  const accountId = accounts.signIn({ email, name: name || undefined, emailVerified });
  await forgetSession(provider, interaction);
  const grant = new provider.Grant({ accountId, clientId });
  grantScopes(grant);
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: false });
}
