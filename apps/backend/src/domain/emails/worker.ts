import { writeLogRecord } from "../../lib/json-log";
import { type EmailQueueDeps, runEmailQueueStep } from "./queue-step";

/**
 * Runs the outbox step on a timer in this instance. `stop` stops claiming and waits for the step in progress, so a
 * graceful shutdown leaves no email half-recorded (an abrupt one leaves a lease that another worker takes over).
 */
export function startEmailWorker(deps: EmailQueueDeps): { stop(): Promise<void> } {
  const interval = deps.email.workerIntervalMs;
  let stopped = interval === 0;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = runEmailQueueStep(deps)
      .catch((error) =>
        writeLogRecord({ log: "error", time: new Date().toISOString(), what: "email outbox step failed", message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, interval);
      });
  };
  if (!stopped) timer = setTimeout(tick, interval);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
