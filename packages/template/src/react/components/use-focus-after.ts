import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Keeps keyboard focus in place when the control that had it goes away (a closed panel, a removed passkey): after
 * `focusSoon()`, the first enabled button inside the ref'd element takes focus as soon as a render shows one.
 */
export function useFocusAfter<T extends HTMLElement>() {
  const container = useRef<T>(null);
  const wanted = useRef(false);
  const [, rerender] = useState(0);
  // After every render: the button may still be disabled by the action that is finishing.
  useEffect(() => {
    if (!wanted.current) return;
    const target = container.current?.querySelector<HTMLElement>("button:not(:disabled)");
    if (!target) return;
    target.focus();
    wanted.current = false;
  });
  const focusSoon = useCallback(() => {
    wanted.current = true;
    rerender((count) => count + 1);
  }, []);
  return { container, focusSoon };
}

/** A ref that focuses its element once, when it appears (a panel that replaced the button which opened it). */
export function useFocusOnMount<T extends HTMLElement>() {
  return useCallback((element: T | null) => element?.focus(), []);
}
