/** The email themes every deployment ships with; `emails.selectedThemeId` names one of them. */
export const EMAIL_THEMES = [
  { id: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac", name: "Default Light", swatch: ["#ffffff", "#4f46e5"] },
  { id: "a0172b5d-cff0-463b-83bb-85124697373a", name: "Default Dark", swatch: ["#18181b", "#818cf8"] },
  { id: "c7e2d94f-8a1b-4e6d-b3f5-9d0a2e7c1b8f", name: "Default Colorful", swatch: ["#fdf2f8", "#db2777"] },
] as const;
