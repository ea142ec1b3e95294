import { registerStripeMetrics } from "@marquee/api/observability/stripe-metrics";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export type TJobStatus = "completed" | "retried" | "failed";

/** A scrape must not hang on a Redis that does not answer: past this the dead-letter gauge is left out. */
const DEAD_LETTER_READ_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One registry per process (not prom-client's global one), labelled with the worker role. */
export function createMetrics(role: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  // Stripe API calls (the payment role's; marquee_stripe_*), counted where the SDK client is made.
  registerStripeMetrics(registry);
  const deadLetterSources = new Map<string, () => Promise<number>>();
  return {
    registry,
    jobs: new Counter({
      name: "marquee_worker_jobs_total",
      help: "Job attempts by queue, job name and outcome (retried: failed, will run again).",
      labelNames: ["queue", "job", "status"] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "marquee_worker_job_duration_seconds",
      help: "Duration of job attempts by queue, job name and outcome.",
      labelNames: ["queue", "job", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    jobWait: new Histogram({
      name: "marquee_worker_job_wait_seconds",
      help: "Time a job waited in its queue before its first attempt started (from when it was due: enqueued, or its delay over), by queue and job name.",
      labelNames: ["queue", "job"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    deadLetters: new Gauge({
      name: "marquee_worker_dead_letters",
      help: "Jobs of a queue that failed for good and wait in the dead-letter queue, read at scrape time.",
      labelNames: ["queue"] as const,
      registers: [registry],
      async collect() {
        const counts = await Promise.all(
          [...deadLetterSources].map(async ([queue, count]) => [queue, await withTimeout(count(), DEAD_LETTER_READ_TIMEOUT_MS).catch(() => null)] as const),
        );
        this.reset();
        // A queue whose count could not be read is left out of this scrape (absent, not 0).
        for (const [queue, total] of counts) if (total !== null) this.set({ queue }, total);
      },
    }),
    /** Reports `queue`'s dead letters in marquee_worker_dead_letters at every scrape. */
    watchDeadLetters(queue: string, count: () => Promise<number>): void {
      deadLetterSources.set(queue, count);
    },
    grpcCalls: new Counter({
      name: "marquee_worker_grpc_calls_total",
      help: "gRPC calls handled (side=server) or made (side=client), by method and status code.",
      labelNames: ["side", "method", "code"] as const,
      registers: [registry],
    }),
    grpcClientCalls: new Counter({
      name: "marquee_worker_grpc_client_calls_total",
      help: "Outgoing gRPC calls (after retries) by target service, method and outcome (ok, error, short_circuited).",
      labelNames: ["target", "method", "outcome"] as const,
      registers: [registry],
    }),
    grpcClientRetries: new Counter({
      name: "marquee_worker_grpc_client_retries_total",
      help: "Retries of idempotent outgoing gRPC calls by target service, method and the status code retried.",
      labelNames: ["target", "method", "code"] as const,
      registers: [registry],
    }),
    grpcBreakerState: new Gauge({
      name: "marquee_worker_grpc_breaker_state",
      help: "Circuit breaker state per target service: 0 closed, 1 half-open, 2 open.",
      labelNames: ["target"] as const,
      registers: [registry],
    }),
  };
}

export type TMetrics = ReturnType<typeof createMetrics>;
