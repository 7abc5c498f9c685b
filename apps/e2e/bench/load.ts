import autocannon from "autocannon";

export type LoadResult = { requestsPerSecond: number; p99Ms: number; non2xx: number; errors: number };

/** Runs autocannon; each connection takes the entries of `requests` in turn. */
export async function load(options: {
  url: string;
  connections: number;
  seconds: number;
  requests: { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: any) => any }[];
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: options.requests as autocannon.Request[],
  });
  // The median second: a steady-state rate, free of the ramp-up and of the requests cut off at the end, which
  // distort short windows badly when each request takes half a second (a password hash behind 50 connections).
  return {
    requestsPerSecond: result.requests.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Rounds of the same measurement as one: mean throughput, worst p99, all failures. */
export function combine(rounds: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: rounds.reduce((sum, r) => sum + r.requestsPerSecond, 0) / rounds.length,
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}
