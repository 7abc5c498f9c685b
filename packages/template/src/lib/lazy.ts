/**
 * The code few pages use (on-demand.ts). Imported nowhere else, it stays a chunk of its own that an app's bundler
 * fetches on the first call, so a page that never calls it never downloads it.
 */
export const loadOnDemand = () => import("./on-demand.js");

/**
 * Methods whose code is fetched on their first call; the methods themselves are there from the start. A failed load (a
 * chunk the network dropped) is tried again on the next call.
 * @example
 * const oauth = lazyMethods<UserOAuthMethods>(
 *   { listOAuthProviders: true, getOAuthProvider: true, getConnectedAccount: true, linkConnectedAccount: true },
 *   async () => (await loadOnDemand()).userOAuthMethods(json, deps),
 * );
 */
export function lazyMethods<T extends { [K in keyof T]: (...args: any[]) => Promise<unknown> }>(names: { [K in keyof T]: true }, load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const loaded = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const methods = {} as T;
  for (const name of Object.keys(names) as (keyof T)[]) {
    methods[name] = (async (...args: unknown[]) => (await loaded())[name](...args)) as T[keyof T];
  }
  return methods;
}
