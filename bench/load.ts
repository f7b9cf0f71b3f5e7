// Load over real HTTP with autocannon, bounded in requests and in time. Latency percentiles are
// computed here from every response (autocannon reports p97.5, not p95).
import autocannon from "autocannon";

export type LoadResult = { requests: number; ok: number; failed: number; p50Ms: number; p95Ms: number; perSecond: number; seconds: number };

type Options = {
  url: string;
  connections: number;
  /** At most this many requests … */
  amount: number;
  /** … and at most this long. */
  maxSeconds: number;
  headers: Record<string, string>;
  method?: "GET" | "POST";
  /** A fresh body per request (each booking its own free slot). */
  body?: () => string;
  /** Whether a response is a success (status and body). */
  ok: (status: number, body: string) => boolean;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function runLoad(options: Options): Promise<LoadResult> {
  let ok = 0;
  let failed = 0;
  const latencies: number[] = [];
  const url = new URL(options.url);
  const started = performance.now();
  const instance = autocannon({
    url: url.origin,
    connections: options.connections,
    amount: options.amount,
    timeout: 30,
    // Its result comes on the first sample after the last response: every 100 ms, not every second.
    sampleInt: 100,
    requests: [
      {
        method: options.method ?? "GET",
        path: url.pathname + url.search,
        headers: options.headers,
        setupRequest: (request) => (options.body ? { ...request, body: options.body() } : request),
        onResponse: (status, body) => (options.ok(status, body) ? ok++ : failed++),
      },
    ],
  });
  // Throughput runs to the last response, not to autocannon's result: waiting for its sample
  // (once a second by default) added idle time that understated a 6-second load by up to 14%.
  let lastResponse = started;
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    lastResponse = performance.now();
  });
  const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
  const result = await instance;
  clearTimeout(timer);
  const seconds = (lastResponse - started) / 1000;
  latencies.sort((a, b) => a - b);
  failed += result.errors + result.timeouts;
  return {
    requests: latencies.length,
    ok,
    failed,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    perSecond: round(ok / seconds),
    seconds: round(seconds),
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
