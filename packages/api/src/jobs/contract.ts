import type { DefaultJobOptions, JobsOptions } from "bullmq";
import { z } from "zod";

// The jobs contract shared by the producers here (services, the outbox relay) and the consumers
// in apps/workers (each role's JobRegistry). Queue and job names are the strings running queues
// already hold: renaming one strands the jobs waiting under the old name.

/** One BullMQ queue per worker role. */
export const QUEUE_NAMES = {
  booking: "marquee.booking",
  payment: "marquee.payment",
  invoice: "marquee.invoice",
  notification: "marquee.notification",
  analytics: "marquee.analytics",
} as const;

export type TQueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/**
 * BullMQ's key prefix for `queue`: REDIS_PREFIX, then the queue's name as a hash tag. BullMQ's
 * scripts name several keys of one queue, which a Redis Cluster runs only when they share a slot;
 * the tag gives each queue one slot and spreads the queues over the cluster's masters. Keys read
 * `marquee:{marquee.booking}:marquee.booking:wait`.
 */
export const queuePrefix = (prefix: string, queue: string): string => `${prefix}:{${queue}}`;

/** Jobs that failed for good (attempts exhausted, or unrecoverable) are copied here; no worker consumes it. */
export const DEAD_LETTER_QUEUE = "marquee.dead-letter";

/** Every queue's job defaults. */
export const DEFAULT_JOB_OPTIONS = {
  // 5 attempts, 1 s, 2 s, 4 s, 8 s apart: rides out a restart of Redis or of another worker.
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  // Completed jobs are history only: keep a day of them, at most 1,000. BullMQ dedupes a re-added
  // jobId only while the job exists, so consumers of outbox jobs still dedupe with processOnce.
  removeOnComplete: { age: 24 * 60 * 60, count: 1_000 },
  // Failed jobs are kept for inspection and retry (their copy in the dead-letter queue too).
  removeOnFail: false,
} satisfies DefaultJobOptions;

/**
 * The order saga's jobs depend on other workers and on Stripe: 10 attempts, 1 s to 256 s apart
 * (about 8.5 minutes in all), so an outage of a worker or of Stripe is ridden out before the job
 * gives up (the reconciler is the backstop after that).
 */
export const SAGA_JOB_OPTIONS = { ...DEFAULT_JOB_OPTIONS, attempts: 10 } satisfies JobsOptions;

/** Job data key reserved for the correlation id; it is not part of any payload. */
export const CORRELATION_ID_KEY = "correlationId";

export const ZCorrelationId = z.string().min(1).max(200);

/** Job data key reserved for the W3C trace context (`{ traceparent, tracestate }`) of the enqueuing span; not part of any payload. */
export const TRACE_CONTEXT_KEY = "traceContext";

/** A job type: the queue it runs on, its name, its payload schema and its BullMQ options. */
export interface TJobDefinition<TSchema extends z.ZodType = z.ZodType, TQueue extends TQueueName = TQueueName> {
  queue: TQueue;
  name: string;
  schema: TSchema;
  /** Overrides the queue's DEFAULT_JOB_OPTIONS for this job type (the enqueue call may override both). */
  options?: JobsOptions;
}

export const defineJob = <TSchema extends z.ZodType, TQueue extends TQueueName>(definition: TJobDefinition<TSchema, TQueue>) => definition;

export type TJobPayload<TJob extends TJobDefinition> = z.input<TJob["schema"]>;
