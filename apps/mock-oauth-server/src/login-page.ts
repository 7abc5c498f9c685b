/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export type LoginPageInput = {
  /** Where the form posts: the interaction's own URL, the only path its cookie is sent to. */
  action: string;
  clientId: string;
  scopes: string[];
  email?: string;
  name?: string;
  emailVerified?: boolean;
  error?: string;
};

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f4f4f5; margin: 0; min-height: 100vh; display: grid; place-items: center; }
  main { background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgb(0 0 0 / 8%); padding: 32px; width: min(380px, 90vw); }
  h1 { font-size: 1.3rem; margin: 0 0 4px; }
  p { color: #52525b; font-size: 0.9rem; margin: 0 0 20px; }
  label { display: block; font-size: 0.9rem; margin-bottom: 14px; }
  input[type=email], input[type=text] { display: block; box-sizing: border-box; width: 100%; margin-top: 4px; padding: 8px 10px; border: 1px solid #d4d4d8; border-radius: 6px; font-size: 1rem; }
  label.check { display: flex; gap: 8px; align-items: center; }
  button { width: 100%; padding: 10px; border: 0; border-radius: 6px; background: #18181b; color: #fff; font-size: 1rem; cursor: pointer; }
  .error { color: #b91c1c; }
  code { font-size: 0.8rem; word-break: break-all; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>`;
}

/** The sign-in form: any email, no password. Works without JavaScript; everything echoed is escaped. */
export function renderLoginPage(input: LoginPageInput): string {
  const scopes = input.scopes.length ? input.scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(" ") : "none";
  const checked = input.emailVerified === false ? "" : " checked";
  return layout(
    "Sign in — mock OAuth server",
    `<h1>Mock OAuth sign-in</h1>
<p>A development and test provider: any email signs in, no password. Signing in to <strong>${escapeHtml(input.clientId)}</strong> grants ${scopes}.</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ""}
<form method="post" action="${escapeHtml(input.action)}">
  <label>Email<input type="email" name="email" required autofocus value="${escapeHtml(input.email ?? "")}"></label>
  <label>Display name<input type="text" name="name" value="${escapeHtml(input.name ?? "")}"></label>
  <label class="check"><input type="checkbox" name="email_verified" value="true"${checked}>Email verified</label>
  <button type="submit">Sign in</button>
</form>`,
  );
}

/** A plain page for a sign-in that cannot go on, e.g. an expired interaction. */
export function renderErrorPage(message: string): string {
  return layout("Sign-in failed — mock OAuth server", `<h1>Sign-in failed</h1><p class="error">${escapeHtml(message)}</p>`);
}
