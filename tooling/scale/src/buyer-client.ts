// HTTP through HAProxy with the retries a browser's code would make: a 502/503 (a server killed
// under the request, or none left in rotation) or a dropped connection is tried again, with the
// same Idempotency-Key for writes, so a repeat never makes a second hold or order.
import { type JsonAnswer, jsonClient } from "../../../packages/api/bench/lib/http-json.ts";

export interface TimedAnswer extends JsonAnswer {
  /** Wall clock when the first attempt was sent (ms: from then to the last answer, retries included). */
  at: number;
}

export interface BuyerHttp {
  request(method: string, path: string, headers?: Record<string, string>, body?: unknown): Promise<TimedAnswer>;
  /** Attempts that failed with 5xx or no answer and were retried. */
  readonly retried: number;
  close(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function buyerHttp(base: string, maxSockets: number, attempts = 8): BuyerHttp {
  const client = jsonClient(base, maxSockets);
  let retried = 0;
  return {
    async request(method, path, headers = {}, body) {
      const first = Date.now();
      const started = performance.now();
      for (let attempt = 1; ; attempt++) {
        const at = Date.now();
        const answer: JsonAnswer = await client(method, path, headers, body).catch((error: Error) => ({
          status: 0,
          body: { error: error.message },
          ms: Date.now() - at,
        }));
        if ((answer.status !== 0 && answer.status < 500) || attempt >= attempts) return { ...answer, at: first, ms: performance.now() - started };
        retried++;
        await sleep(200 * attempt);
      }
    },
    get retried() {
      return retried;
    },
    close: () => client.close(),
  };
}
