import { type PeriodicStep, startPeriodicStep } from "../../lib/periodic-step";
import { type EmailQueueDeps, runEmailQueueStep } from "./queue-step";

/** Runs the outbox step on a timer in this instance; see startPeriodicStep for how it stops. */
export function startEmailWorker(deps: EmailQueueDeps): PeriodicStep {
  return startPeriodicStep("email outbox step", deps.email.workerIntervalMs, () => runEmailQueueStep(deps));
}
