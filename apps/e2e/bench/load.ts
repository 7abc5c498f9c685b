import autocannon from "autocannon";

export type LoadResult = { requestsPerSecond: number; p99Ms: number; non2xx: number; errors: number };

/** Runs autocannon; each request takes the next entry of `requests` in turn. */
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
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
