import { useCallback, useRef, useState } from "react";

/**
 * State of one user-triggered async action (a form submit, a button): whether it runs, and the message of its failure.
 * A second trigger while one runs is ignored, so double clicks do not send two requests.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<string | null>, describe: (error: unknown) => string) => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      setError(await action());
    } catch (thrown) {
      setError(describe(thrown));
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}
