import { writeLogRecord } from "./json-log";

function describe(reason: unknown): Record<string, unknown> {
  return reason instanceof Error ? { name: reason.name, cause: reason.message, stack: reason.stack } : { cause: String(reason) };
}

/**
 * Logs what escaped every handler (a rejected promise nobody awaited, an error thrown from a timer or socket callback)
 * and keeps serving: requests' own errors are answered by the app's error handler, so what arrives here belongs to no
 * request, and letting it end the process would turn one stray bug into an outage for every client (OWASP ASVS 16.5.4).
 */
export function installLastResortHandlers(target: NodeJS.EventEmitter = process): void {
  target.on("unhandledRejection", (reason: unknown) => {
    writeLogRecord({ log: "error", time: new Date().toISOString(), message: "Unhandled promise rejection", ...describe(reason) });
  });
  target.on("uncaughtException", (error: unknown) => {
    writeLogRecord({ log: "error", time: new Date().toISOString(), message: "Uncaught exception", ...describe(error) });
  });
}
