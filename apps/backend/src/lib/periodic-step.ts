import { writeLogRecord } from "./json-log";

export type PeriodicStep = { stop(): Promise<void> };

/**
 * Runs `step` on a timer in this instance: `intervalMs` after each run, or at once again when the step says it found
 * work (more may be waiting). An interval of 0 never runs it. `stop` stops scheduling and waits for the run in
 * progress, so a graceful shutdown leaves nothing half-recorded; an abrupt end leaves leases another instance takes
 * over when they run out.
 */
export function startPeriodicStep(what: string, intervalMs: number, step: () => Promise<{ busy: boolean } | unknown>): PeriodicStep {
  let stopped = intervalMs === 0;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    let busy = false;
    running = step()
      .then((result) => {
        busy = (result as { busy?: unknown } | undefined)?.busy === true;
      })
      .catch((error) => writeLogRecord({ log: "error", time: new Date().toISOString(), what: `${what} failed`, message: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, busy ? 0 : intervalMs);
      });
  };
  if (!stopped) timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
