import { useEffect, useReducer, useRef } from "react";

type Entry = { status: "pending"; promise: Promise<void> } | { status: "done"; value: unknown } | { status: "failed"; error: unknown };

// Per owner object: a new user object (after any change the app announces) starts with an empty cache, so its data loads again.
const entries = new WeakMap<object, Map<string, Entry>>();

function entryFor(owner: object, key: string, load: () => Promise<unknown>): Entry {
  const byKey = entries.get(owner) ?? new Map<string, Entry>();
  entries.set(owner, byKey);
  let entry = byKey.get(key);
  if (!entry) {
    const promise = load().then(
      (value) => void byKey.set(key, { status: "done", value }),
      (error: unknown) => void byKey.set(key, { status: "failed", error }),
    );
    entry = { status: "pending", promise };
    byKey.set(key, entry);
  }
  return entry;
}

const NOTHING_TO_LOAD: Entry = { status: "done", value: undefined };

/**
 * A value loaded once per owner and key (`empty` without an owner, e.g. when signed out). The first load suspends; a
 * reload (for a new owner) keeps showing the previous value of the same key until the new one arrives, so lists do
 * not flash empty after every change.
 */
export function useLoaded<O extends object, T>(owner: O | null, key: string, load: (owner: O) => Promise<T>, empty: T): T {
  const entry = owner ? entryFor(owner, key, () => load(owner)) : NOTHING_TO_LOAD;
  const last = useRef<{ key: string; value: T } | null>(null);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (entry.status !== "pending") return;
    let mounted = true;
    void entry.promise.then(() => mounted && rerender());
    return () => {
      mounted = false;
    };
  }, [entry]);
  if (entry.status === "failed") throw entry.error;
  if (!owner) return empty;
  if (entry.status === "done") {
    last.current = { key, value: entry.value as T };
    return entry.value as T;
  }
  if (last.current?.key === key) return last.current.value;
  throw entry.promise;
}
