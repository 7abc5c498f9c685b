"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { type CSSProperties, type ReactNode, createContext, useContext } from "react";
import { hexclaveCss } from "./styles.js";

export type HexclaveThemeVariable =
  | "background"
  | "foreground"
  | "muted"
  | "border"
  | "primary"
  | "primaryForeground"
  | "danger"
  | "radius"
  | "font";

/**
 * Colors and shape of the prebuilt components. `colorScheme: "auto"` (the default) follows the visitor's system setting;
 * `variables` override single CSS custom properties, e.g. `{ primary: "#0ea5e9", radius: "6px" }`.
 */
export type HexclaveThemeConfig = {
  colorScheme?: "light" | "dark" | "auto";
  variables?: Partial<Record<HexclaveThemeVariable, string>>;
};

const cssVariableNames: Record<HexclaveThemeVariable, string> = {
  background: "--hx-background",
  foreground: "--hx-foreground",
  muted: "--hx-muted",
  border: "--hx-border",
  primary: "--hx-primary",
  primaryForeground: "--hx-primary-foreground",
  danger: "--hx-danger",
  radius: "--hx-radius",
  font: "--hx-font",
};

function themeStyle(theme: HexclaveThemeConfig | undefined): CSSProperties | undefined {
  const variables = theme?.variables;
  if (!variables) return undefined;
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables) as [HexclaveThemeVariable, string | undefined][]) {
    if (value !== undefined && name in cssVariableNames) style[cssVariableNames[name]] = value;
  }
  // React types have no slot for custom properties, though React DOM writes them as given.
  return style as CSSProperties;
}

/**
 * Adds the stylesheet of the prebuilt components to the document. Every prebuilt component already renders it;
 * React hoists it into `<head>` and keeps a single copy however many components render it, on the server and in the browser.
 * @example
 * <head><HexclaveStyles /></head> // load the styles before any component shows up, e.g. to avoid a flash
 */
export function HexclaveStyles() {
  return (
    <style href="hexclave-ui" precedence="default">
      {hexclaveCss()}
    </style>
  );
}

const ThemeContext = createContext<HexclaveThemeConfig | undefined>(undefined);

/**
 * Sets the theme of every prebuilt component below it; a component's own `theme` prop still wins.
 * @example <HexclaveTheme theme={{ colorScheme: "dark", variables: { primary: "#0ea5e9" } }}>{children}</HexclaveTheme>
 */
export function HexclaveTheme({ theme, children }: { theme?: HexclaveThemeConfig; children?: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

/** @deprecated Renamed to {@link HexclaveTheme}. */
export const StackTheme = HexclaveTheme;

type RootProps = { theme?: HexclaveThemeConfig; className?: string; children?: ReactNode };

/**
 * The element that carries the theme; every top-level component renders one.
 * @example <HexclaveRoot theme={theme} className="hx-user-button">{button}</HexclaveRoot>
 */
export function HexclaveRoot({ theme: ownTheme, className, children }: RootProps) {
  const inherited = useContext(ThemeContext);
  const theme = ownTheme ?? inherited;
  const scheme = theme?.colorScheme;
  return (
    <div
      className={className ? `hx-root ${className}` : "hx-root"}
      data-hx-theme={scheme === "light" || scheme === "dark" ? scheme : undefined}
      style={themeStyle(theme)}
    >
      <HexclaveStyles />
      {children}
    </div>
  );
}

type PageProps = RootProps & { fullPage?: boolean; wide?: boolean };

/**
 * A themed card; with `fullPage`, centered in the viewport as the only content of a page.
 * @example <HexclaveCard fullPage theme={theme}><CardHeader title="Page not found" /></HexclaveCard>
 */
export function HexclaveCard({ theme, fullPage, wide, className, children }: PageProps) {
  return (
    <HexclaveRoot theme={theme} className={fullPage ? "hx-fullpage" : undefined}>
      <div className={["hx-card", wide ? "hx-card-wide" : "", className ?? ""].filter(Boolean).join(" ")}>{children}</div>
    </HexclaveRoot>
  );
}
