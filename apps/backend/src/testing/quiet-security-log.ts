import { redirectLog } from "../lib/json-log";

// Unit tests sign in all the time; their security events would bury the output. Tests that read the log redirect it
// themselves. Errors still go to stderr.
redirectLog((line, isError) => {
  if (isError) process.stderr.write(line);
});
