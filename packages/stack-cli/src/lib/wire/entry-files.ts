import { addImports, addProperty, detectStyle, findClosing, indexesOf, lineIndent, wrapAt } from "./source-edits";

/**
 * Edits that put Hexclave into an app's own entry file, the way init's own version of that file has it. Each returns
 * the edited file, or null when the file has no single unambiguous place for the edit (init then prints what to add).
 */
export type EntryEdit = (existing: string) => string | null;

/** The one match of `pattern` inside the app's `<body>` element, or null. */
function onlyInBody(content: string, pattern: RegExp): { index: number; text: string } | null {
  const opens = indexesOf(content, /<body[\s>]/);
  const closes = indexesOf(content, /<\/body>/);
  if (opens.length !== 1 || closes.length !== 1 || closes[0]!.index < opens[0]!.index) return null;
  const found = indexesOf(content, pattern, opens[0]!.index, closes[0]!.index);
  return found.length === 1 ? found[0]! : null;
}

/** Next.js root layout: `{children}` in `<body>` goes inside the provider, fed the server app. */
export function wireNextLayout(sdk: string): EntryEdit {
  return (existing) => {
    const children = onlyInBody(existing, /\{\s*children\s*\}/);
    if (!children) return null;
    const wrapped = wrapAt(existing, children.index, children.text.length, "<HexclaveProvider app={hexclaveServerApp}>", "</HexclaveProvider>");
    const imports = [
      { names: "HexclaveProvider", from: sdk },
      { names: "hexclaveServerApp", from: "../hexclave/server" },
    ];
    return addImports(wrapped, imports, detectStyle(existing));
  };
}

/** Vite's main.tsx: the one `<App />` rendered by `createRoot(…).render(…)` goes inside HexclaveRoot. */
export const wireViteMain: EntryEdit = (existing) => {
  const renders = indexesOf(existing, /createRoot\([\s\S]*?\)\s*\.render\(/);
  if (renders.length !== 1) return null;
  const start = renders[0]!.index + renders[0]!.text.length - 1;
  const end = findClosing(existing, start);
  const apps = indexesOf(existing, /<App\s*\/>/);
  const app = apps[0];
  if (end === null || apps.length !== 1 || !app || app.index < start || app.index > end) return null;
  const wrapped = wrapAt(existing, app.index, app.text.length, "<HexclaveRoot>", "</HexclaveRoot>");
  return addImports(wrapped, [{ names: "HexclaveRoot", from: "./hexclave/root" }], detectStyle(existing));
};

/** The options object of the file's one call to `callee` (the `{` after its opening parenthesis), or null. */
function onlyOptionsObject(content: string, callee: RegExp): { open: number; close: number } | null {
  const calls = indexesOf(content, callee);
  if (calls.length !== 1) return null;
  const open = calls[0]!.index + calls[0]!.text.length - 1;
  if (content[open] !== "{") return null;
  const close = findClosing(content, open);
  return close === null ? null : { open, close };
}

/**
 * TanStack Start's root route: the root loader reads the session (src/hexclave/session.ts), and the document's
 * children (a shellComponent's `{children}`, or a component's `<Outlet />`) go inside the provider.
 */
export function wireTanstackRoot(sdk: string): EntryEdit {
  return (existing) => {
    const options = onlyOptionsObject(existing, /createRootRoute(?:WithContext<[^>]*>\(\))?\(\s*\{/);
    if (!options) return null;
    const body = existing.slice(options.open, options.close);
    if (/\bloader\s*:/.test(body)) return null;
    const shell = /\bshellComponent\s*:\s*([A-Za-z_$][\w$]*)/.exec(body);
    const component = shell ? null : /\bcomponent\s*:\s*([A-Za-z_$][\w$]*)/.exec(body);
    const name = (shell ?? component)?.[1];
    const declaration = name ? indexesOf(existing, new RegExp(`function\\s+${name}\\s*\\(`)) : [];
    if (declaration.length !== 1) return null;
    const target = onlyInBody(existing, shell ? /\{\s*children\s*\}/ : /<Outlet\s*\/>/);
    const returns = indexesOf(existing, /\breturn\b/, declaration[0]!.index);
    if (!target || !returns[0] || target.index < declaration[0]!.index || returns[0].index > target.index) return null;
    const style = detectStyle(existing);
    const at = returns[0].index;
    // Edits go from the end of the file to its start, so each one's index still holds.
    const edits: [number, (content: string) => string | null][] = [
      [target.index, (c) => wrapAt(c, target.index, target.text.length, "<HexclaveProvider app={app} initialUser={user}>", "</HexclaveProvider>")],
      [at, (c) => `${c.slice(0, at)}const { app, user } = Route.useLoaderData()${style.semi}\n${lineIndent(c, at)}${c.slice(at)}`],
      [options.open, (c) => addProperty(c, options.open, "loader: () => getHexclaveSession()")],
    ];
    let edited: string | null = existing;
    for (const [, edit] of edits.sort((a, b) => b[0] - a[0])) edited = edited === null ? null : edit(edited);
    if (edited === null) return null;
    const imports = [
      { names: "HexclaveProvider", from: sdk },
      { names: "getHexclaveSession", from: "../hexclave/session" },
    ];
    return addImports(edited, imports, style);
  };
}

/** TanStack's router: `ssr: { nonce: hexclaveCspNonce() }` in the one `createRouter({…})`, unless it sets ssr itself. */
export function wireTanstackRouter(sdk: string): EntryEdit {
  return (existing) => {
    const options = onlyOptionsObject(existing, /createRouter\(\s*\{/);
    if (!options || /\bssr\s*:/.test(existing.slice(options.open, options.close))) return null;
    const withNonce = addProperty(existing, options.open, "ssr: { nonce: hexclaveCspNonce() }");
    return withNonce && addImports(withNonce, [{ names: "hexclaveCspNonce", from: sdk }], detectStyle(existing));
  };
}
