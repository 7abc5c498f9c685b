/**
 * The whole stylesheet of the prebuilt components, so they look right in any app without a CSS pipeline.
 * Every class starts with `hx-` and every rule is scoped under `.hx-root`: the extra class outweighs app resets that
 * style elements by attribute (e.g. Tailwind 3's `[type='submit'] { background-color: transparent }`), whatever their order.
 */

const lightVariables = `
  --hx-background: #ffffff;
  --hx-foreground: #0f172a;
  --hx-muted: #64748b;
  --hx-border: #e2e8f0;
  --hx-primary: #4f46e5;
  --hx-primary-foreground: #ffffff;
  --hx-danger: #dc2626;
  color-scheme: light;`;

const darkVariables = `
  --hx-background: #0f172a;
  --hx-foreground: #f1f5f9;
  --hx-muted: #94a3b8;
  --hx-border: #334155;
  --hx-primary: #818cf8;
  --hx-primary-foreground: #0f172a;
  --hx-danger: #f87171;
  color-scheme: dark;`;

// A function, not a constant: bundlers cannot prove a template literal pure, and would keep it in pages without the UI.
export const hexclaveCss = () => `
.hx-root {${lightVariables}
  --hx-radius: 10px;
  --hx-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --hx-subtle: color-mix(in srgb, var(--hx-foreground) 5%, var(--hx-background));
  --hx-ring: color-mix(in srgb, var(--hx-primary) 35%, transparent);
  font-family: var(--hx-font);
  font-size: 14px;
  line-height: 1.5;
  color: var(--hx-foreground);
  -webkit-font-smoothing: antialiased;
}
@media (prefers-color-scheme: dark) {
  .hx-root:not([data-hx-theme="light"]) {${darkVariables}
  }
}
.hx-root[data-hx-theme="dark"] {${darkVariables}
}
.hx-root[data-hx-theme="light"] {${lightVariables}
}
.hx-root *, .hx-root *::before, .hx-root *::after { box-sizing: border-box; }
.hx-root :where(h1, h2, h3, p, ul, li, dl, dd, form) { margin: 0; padding: 0; }
.hx-root :where(ul) { list-style: none; }

.hx-root.hx-fullpage {
  background: var(--hx-background);
  min-height: 100vh;
  min-height: 100dvh;
  display: flex;
  align-items: center;
  justify-content: center;
  padding: 24px 16px;
}
.hx-root .hx-card {
  width: 100%;
  max-width: 400px;
  margin: 0 auto;
  padding: 32px 28px;
  background: var(--hx-background);
  border: 1px solid var(--hx-border);
  border-radius: calc(var(--hx-radius) * 1.5);
  box-shadow: 0 1px 2px rgb(0 0 0 / 0.04), 0 8px 24px rgb(0 0 0 / 0.06);
}
.hx-root .hx-card-wide { max-width: 640px; }
.hx-root .hx-title { font-size: 22px; font-weight: 650; letter-spacing: -0.01em; line-height: 1.25; }
.hx-root .hx-subtitle { margin-top: 6px; color: var(--hx-muted); }
.hx-root .hx-header { margin-bottom: 24px; text-align: center; }
.hx-root .hx-stack { display: flex; flex-direction: column; gap: 16px; }
.hx-root .hx-field { display: flex; flex-direction: column; gap: 6px; }
.hx-root .hx-label { font-weight: 550; font-size: 13px; }
.hx-root .hx-hint { font-size: 12px; color: var(--hx-muted); }
.hx-root .hx-input {
  width: 100%;
  height: 40px;
  padding: 0 12px;
  font: inherit;
  color: var(--hx-foreground);
  background: var(--hx-background);
  border: 1px solid var(--hx-border);
  border-radius: var(--hx-radius);
  outline: none;
  transition: border-color 120ms, box-shadow 120ms;
}
.hx-root .hx-input:focus-visible { border-color: var(--hx-primary); box-shadow: 0 0 0 3px var(--hx-ring); }
.hx-root .hx-input[aria-invalid="true"] { border-color: var(--hx-danger); }
/* Darker than --hx-muted: muted text on the subtle background falls short of 4.5:1 contrast. */
.hx-root .hx-input[readonly] { background: var(--hx-subtle); color: color-mix(in srgb, var(--hx-foreground) 80%, var(--hx-background)); }

.hx-root .hx-button {
  position: relative;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 8px;
  height: 40px;
  padding: 0 16px;
  font: inherit;
  font-weight: 600;
  color: var(--hx-primary-foreground);
  background: var(--hx-primary);
  border: 1px solid transparent;
  border-radius: var(--hx-radius);
  cursor: pointer;
  text-decoration: none;
  transition: filter 120ms, background-color 120ms;
}
.hx-root .hx-button:hover:not(:disabled) { filter: brightness(1.08); }
.hx-root .hx-button:focus-visible, .hx-root .hx-link:focus-visible, .hx-root .hx-avatar-button:focus-visible, .hx-root .hx-menu-item:focus-visible {
  outline: 2px solid var(--hx-primary);
  outline-offset: 2px;
}
.hx-root .hx-button:disabled { opacity: 0.6; cursor: not-allowed; }
.hx-root .hx-button[aria-busy="true"] { cursor: progress; }
.hx-root .hx-button-block { width: 100%; }
.hx-root .hx-button-secondary { color: var(--hx-foreground); background: var(--hx-background); border-color: var(--hx-border); }
.hx-root .hx-button-secondary:hover:not(:disabled) { filter: none; background: var(--hx-subtle); }
.hx-root .hx-button-danger { color: var(--hx-danger); background: var(--hx-background); border-color: var(--hx-border); }
.hx-root .hx-button-danger:hover:not(:disabled) { filter: none; background: color-mix(in srgb, var(--hx-danger) 8%, var(--hx-background)); }
.hx-root .hx-oauth-icon {
  display: inline-flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: 20px;
  height: 20px;
  border-radius: 5px;
  color: #ffffff;
  font-size: 12px;
  font-weight: 700;
}
.hx-root .hx-button-small { height: 32px; padding: 0 12px; font-size: 13px; }
.hx-root .hx-spinner {
  display: inline-block;
  flex: none;
  width: 14px;
  height: 14px;
  border: 2px solid currentColor;
  border-right-color: transparent;
  border-radius: 50%;
  animation: hx-spin 700ms linear infinite;
}
.hx-root .hx-spinner-large { width: 24px; height: 24px; align-self: center; }
@keyframes hx-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .hx-root .hx-spinner { animation-duration: 2s; } }

.hx-root .hx-alert {
  padding: 10px 12px;
  font-size: 13px;
  /* Toward the foreground: the plain danger color on its own tint falls short of 4.5:1 contrast. */
  color: color-mix(in srgb, var(--hx-danger) 80%, var(--hx-foreground));
  background: color-mix(in srgb, var(--hx-danger) 10%, var(--hx-background));
  border: 1px solid color-mix(in srgb, var(--hx-danger) 30%, transparent);
  border-radius: var(--hx-radius);
}
.hx-root .hx-alert:empty, .hx-root .hx-status:empty { display: none; }
.hx-root .hx-status { font-size: 13px; color: var(--hx-muted); }
.hx-root .hx-link { color: var(--hx-primary); font-weight: 550; text-decoration: none; border-radius: 4px; }
.hx-root .hx-link:hover { text-decoration: underline; }
.hx-root .hx-footer { margin-top: 20px; text-align: center; color: var(--hx-muted); }
.hx-root .hx-extra { margin-top: 16px; font-size: 12px; color: var(--hx-muted); text-align: center; }
.hx-root .hx-actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: center; }

.hx-root .hx-section + .hx-section { margin-top: 28px; padding-top: 28px; border-top: 1px solid var(--hx-border); }
.hx-root .hx-section-title { font-size: 16px; font-weight: 650; margin-bottom: 4px; }
.hx-root .hx-section-description { color: var(--hx-muted); margin-bottom: 16px; }
.hx-root .hx-row { display: flex; gap: 8px; align-items: flex-end; }
.hx-root .hx-row > .hx-field { flex: 1; }
.hx-root .hx-badge {
  display: inline-block;
  padding: 1px 8px;
  font-size: 11px;
  font-weight: 600;
  color: var(--hx-primary);
  background: color-mix(in srgb, var(--hx-primary) 12%, var(--hx-background));
  border-radius: 999px;
}
.hx-root .hx-session { display: flex; gap: 12px; align-items: center; justify-content: space-between; padding: 12px 0; }
.hx-root .hx-session + .hx-session { border-top: 1px solid var(--hx-border); }
.hx-root .hx-session-meta { font-size: 12px; color: var(--hx-muted); }

.hx-root.hx-user-button { position: relative; display: inline-block; }
.hx-root .hx-avatar-button {
  display: inline-flex;
  align-items: center;
  gap: 10px;
  padding: 2px;
  font: inherit;
  color: inherit;
  text-align: left;
  background: transparent;
  border: 0;
  border-radius: 999px;
  cursor: pointer;
}
.hx-root .hx-avatar {
  display: inline-flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: 34px;
  height: 34px;
  overflow: hidden;
  font-size: 13px;
  font-weight: 650;
  color: var(--hx-primary-foreground);
  background: var(--hx-primary);
  border-radius: 50%;
  object-fit: cover;
}
.hx-root .hx-user-info { display: flex; flex-direction: column; min-width: 0; padding-right: 8px; line-height: 1.3; }
.hx-root .hx-user-name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.hx-root .hx-user-email { font-size: 12px; color: var(--hx-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.hx-root .hx-menu {
  position: absolute;
  top: calc(100% + 8px);
  right: 0;
  z-index: 50;
  width: 240px;
  padding: 6px;
  background: var(--hx-background);
  border: 1px solid var(--hx-border);
  border-radius: var(--hx-radius);
  box-shadow: 0 10px 30px rgb(0 0 0 / 0.12);
}
.hx-root .hx-menu-header { display: flex; flex-direction: column; padding: 8px 10px 10px; margin-bottom: 6px; border-bottom: 1px solid var(--hx-border); }
.hx-root .hx-menu-item {
  display: block;
  width: 100%;
  padding: 8px 10px;
  font: inherit;
  color: var(--hx-foreground);
  text-align: left;
  background: transparent;
  border: 0;
  border-radius: calc(var(--hx-radius) - 4px);
  cursor: pointer;
}
.hx-root .hx-menu-item:hover, .hx-root .hx-menu-item:focus-visible { background: var(--hx-subtle); }
.hx-root .hx-menu-item[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
.hx-root .hx-mono, .hx-root .hx-codes code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: 0.02em; }
.hx-root .hx-actions-start { justify-content: flex-start; }
.hx-root .hx-input.hx-setup-key { color: var(--hx-foreground); height: auto; padding: 8px 12px; resize: none; overflow: hidden; font-size: 15px; line-height: 1.5; word-spacing: 0.1em; }
.hx-root .hx-panel { padding: 16px; border: 1px solid var(--hx-border); border-radius: var(--hx-radius); }
.hx-root .hx-panel:focus-visible { outline: 2px solid var(--hx-primary); outline-offset: 2px; }
.hx-root .hx-panel:focus:not(:focus-visible) { outline: none; }
.hx-root .hx-panel-title { font-size: 14px; font-weight: 650; margin: 0 0 4px; }
.hx-root .hx-panel .hx-section-description { margin-bottom: 0; }
.hx-root .hx-totp-setup { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
.hx-root .hx-grow { flex: 1 1 240px; min-width: 0; }
.hx-root .hx-qr {
  display: flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: 176px;
  height: 176px;
  border: 1px solid var(--hx-border);
  border-radius: var(--hx-radius);
  background: #ffffff;
}
.hx-root .hx-qr-failed { padding: 12px; font-size: 12px; text-align: center; color: #475569; }
.hx-root .hx-codes { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 16px; }
.hx-root .hx-codes li {
  padding: 6px 10px;
  font-size: 15px;
  text-align: center;
  background: var(--hx-subtle);
  border: 1px solid var(--hx-border);
  border-radius: calc(var(--hx-radius) - 4px);
}
.hx-root .hx-link-button {
  align-self: center;
  padding: 2px 4px;
  font: inherit;
  font-weight: 550;
  color: var(--hx-primary);
  background: none;
  border: 0;
  border-radius: 4px;
  cursor: pointer;
}
.hx-root .hx-link-button:hover:not(:disabled) { text-decoration: underline; }
.hx-root .hx-link-button:focus-visible { outline: 2px solid var(--hx-primary); outline-offset: 2px; }
.hx-root .hx-link-button:disabled { opacity: 0.6; cursor: not-allowed; }
.hx-root .hx-passkey-icon { color: var(--hx-primary-foreground); background: var(--hx-primary); }
.hx-root .hx-stack + .hx-passkey-sign-in { margin-top: 16px; }
.hx-root .hx-divider { display: flex; align-items: center; gap: 12px; margin: 20px 0 16px; color: var(--hx-muted); font-size: 13px; }
.hx-root .hx-divider::before, .hx-root .hx-divider::after { content: ""; flex: 1; border-top: 1px solid var(--hx-border); }
`;
