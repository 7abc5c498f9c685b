// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { HexclaveHandlerClient } from "../react/components/handler.js";

type RouteParams = Record<string, string | string[] | undefined>;

export type HexclaveHandlerProps = {
  /** Accepted for compatibility with Stack Auth's handler; the page uses the provider's app. */
  app?: unknown;
  /** The page's props, as Next passes them to `app/handler/[...stack]/page.tsx`. */
  routeProps?: { params?: RouteParams | Promise<RouteParams> };
  /** The page below the handler URL, e.g. "sign-in"; read from `routeProps` when absent. */
  path?: string;
  fullPage?: boolean;
};

/**
 * The `/handler/*` pages for the App Router.
 * @example
 * // app/handler/[...stack]/page.tsx
 * export default function Handler(props: unknown) { return <HexclaveHandler fullPage routeProps={props} />; }
 */
export async function HexclaveHandler({ routeProps, path, fullPage = true }: HexclaveHandlerProps) {
  const params = (await routeProps?.params) ?? {};
  const segments = Object.values(params).find((value): value is string[] => Array.isArray(value));
  return <HexclaveHandlerClient path={path ?? segments?.join("/") ?? ""} fullPage={fullPage} />;
}

/** @deprecated Renamed to {@link HexclaveHandler}. */
export const StackHandler = HexclaveHandler;
