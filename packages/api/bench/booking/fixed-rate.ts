// An open-loop load: requests leave at a fixed arrival rate whatever the answers do, over at most
// `connections` keep-alive sockets (the rest wait in the agent's queue). Each latency counts from
// the moment the request was due, so a slow answer cannot hide the requests queued behind it
// (autocannon's overallRate sends each second's quota in a burst and times from the send).
import type { Figures } from "../lib/load.ts";
import { jsonClient, latencyFigures } from "../lib/http-json.ts";

export interface TFixedRateOptions {
  url: string;
  connections: number;
  /** Requests per second. */
  rate: number;
  durationSeconds: number;
  /** The i-th request: method, path, headers, JSON body. */
  request: (index: number) => { method: string; path: string; headers: Record<string, string>; body: unknown };
}

export async function runFixedRate(options: TFixedRateOptions): Promise<Figures> {
  const client = jsonClient(options.url, options.connections);
  const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  try {
    for (let index = 0; index < total;) {
      const now = performance.now();
      for (; index < total && start + (index * 1000) / options.rate <= now; index++) {
        const due = start + (index * 1000) / options.rate;
        const { method, path, headers, body } = options.request(index);
        inFlight.push(
          client(method, path, headers, body).then(
            (answer) => {
              latencies.push(performance.now() - due);
              statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
              if (answer.status >= 300) errors++;
            },
            () => void errors++,
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
  } finally {
    client.close();
  }
  const seconds = (performance.now() - start) / 1000;
  const figures = latencyFigures(latencies);
  return { rps: latencies.length / seconds, p50: figures.p50, p95: figures.p95, p99: figures.p99, errors, statuses };
}
