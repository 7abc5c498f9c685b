"use client";
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export type AsyncState<T> =
  | { status: "loading"; data: undefined; error: undefined; reload: () => void }
  | { status: "error"; data: undefined; error: unknown; reload: () => void }
  | { status: "ready"; data: T; error: undefined; reload: () => void };

/**
 * Runs `load` when `deps` change and on `reload()`, keeping the last data on screen while a reload runs. A result
 * that arrives after a newer load started is dropped, so a slow answer never replaces a fresher one.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<{ status: "loading" | "error" | "ready"; data?: T; error?: unknown }>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on.
  useEffect(() => {
    const run = ++latest.current;
    load().then(
      (data) => run === latest.current && setState({ status: "ready", data }),
      (error: unknown) => run === latest.current && setState({ status: "error", error }),
    );
  }, [...deps, generation]);
  return { ...state, reload } as AsyncState<T>;
}
