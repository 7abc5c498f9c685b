/** The email themes a project can pick (config `emails.selectedThemeId`); ids are Stack Auth's built-in ones, so choices carry over. */
export type EmailTheme = { background: string; card: string; text: string; muted: string; accent: string; accentText: string; border: string };

export const DEFAULT_EMAIL_THEME_ID = "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac";

export const EMAIL_THEMES: Record<string, { displayName: string; theme: EmailTheme }> = {
  [DEFAULT_EMAIL_THEME_ID]: {
    displayName: "Default Light",
    theme: { background: "#f4f4f5", card: "#ffffff", text: "#18181b", muted: "#71717a", accent: "#4f46e5", accentText: "#ffffff", border: "#e4e4e7" },
  },
  "a0172b5d-cff0-463b-83bb-85124697373a": {
    displayName: "Default Dark",
    theme: { background: "#09090b", card: "#18181b", text: "#fafafa", muted: "#a1a1aa", accent: "#818cf8", accentText: "#09090b", border: "#27272a" },
  },
  "c7e2d94f-8a1b-4e6d-b3f5-9d0a2e7c1b8f": {
    displayName: "Default Colorful",
    theme: { background: "#fdf2f8", card: "#ffffff", text: "#1e1b4b", muted: "#6b21a8", accent: "#db2777", accentText: "#ffffff", border: "#fbcfe8" },
  },
};

export function emailThemeOf(selectedThemeId: string | null): EmailTheme {
  return (EMAIL_THEMES[selectedThemeId ?? DEFAULT_EMAIL_THEME_ID] ?? EMAIL_THEMES[DEFAULT_EMAIL_THEME_ID]!).theme;
}
