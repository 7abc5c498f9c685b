/**
 * What to run in the browser console on the app's own site to become the impersonated user there: it writes the
 * refresh cookie both SDK brands read (structured, newest wins over any session the browser already holds), with
 * `__Host-` on https as the SDK does, then reloads. Cookies are per site, so this cannot be done from the dashboard.
 */
export function impersonationSnippet(projectId: string, refreshToken: string, expiresAt: Date): string {
  const value = encodeURIComponent(JSON.stringify({ refresh_token: refreshToken, updated_at_millis: Date.now() }));
  return [
    "(() => {",
    `  const secure = location.protocol === "https:";`,
    `  for (const brand of ["hexclave", "stack"]) {`,
    `    const name = (secure ? "__Host-" : "") + brand + "-refresh-${projectId}--default";`,
    `    document.cookie = name + "=${value}; path=/; expires=${expiresAt.toUTCString()}; samesite=lax" + (secure ? "; secure" : "");`,
    "  }",
    "  location.reload();",
    "})();",
  ].join("\n");
}
