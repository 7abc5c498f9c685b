// JSON.stringify escapes C0 controls (CR, LF, ESC); these it leaves alone, yet terminals act on C1 controls (0x9b is
// a CSI) and some log viewers break lines at NEL, LS and PS.
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * One record as one line of JSON, every string escaped, so nothing a client sends (an email with CRLF, an ANSI escape
 * in a user agent) can end the line, start a forged one or drive the terminal of whoever reads the log.
 */
export function toJsonLine(record: Record<string, unknown>): string {
  return `${JSON.stringify(record).replace(UNESCAPED_BY_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

export type LogWriter = (line: string, isError: boolean) => void;

let writer: LogWriter = (line, isError) => (isError ? process.stderr : process.stdout).write(line);

/** Writes a record to the process's log, one JSON line each: errors (`log: "error"`) to stderr, the rest to stdout. */
export function writeLogRecord(record: Record<string, unknown>): void {
  writer(toJsonLine(record), record.log === "error");
}

/** Sends log lines elsewhere (tests read them); returns a function that restores the previous writer. */
export function redirectLog(to: LogWriter): () => void {
  const previous = writer;
  writer = to;
  return () => {
    writer = previous;
  };
}
