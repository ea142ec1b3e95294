import { type ConnectionOptions, type DefaultJobOptions, Queue } from "bullmq";

/** One BullMQ queue per worker role. Producers (packages/api) enqueue on these names. */
export const QUEUE_NAMES = {
  booking: "marquee.booking",
  payment: "marquee.payment",
  invoice: "marquee.invoice",
  notification: "marquee.notification",
  analytics: "marquee.analytics",
} as const;

export type TQueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Jobs that failed for good (attempts exhausted, or unrecoverable) are copied here. */
export const DEAD_LETTER_QUEUE = "marquee.dead-letter";

/** Redis key prefix when REDIS_PREFIX is not set; tests use a unique one each. */
export const DEFAULT_REDIS_PREFIX = "marquee";

export const DEFAULT_JOB_OPTIONS = {
  // 5 attempts, 1 s, 2 s, 4 s, 8 s apart: rides out a restart of Redis or of another worker.
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  // Completed jobs are history only: keep a day of them, at most 1,000.
  removeOnComplete: { age: 24 * 60 * 60, count: 1_000 },
  // Failed jobs are kept for inspection and retry (their copy in the dead-letter queue too).
  removeOnFail: false,
} satisfies DefaultJobOptions;

/** Dead letters are never processed and never dropped: an operator inspects and replays them. */
export const DEAD_LETTER_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: false,
  removeOnFail: false,
} satisfies DefaultJobOptions;

/** A Queue with Marquee's default job options (the dead-letter queue gets its own). */
export function createQueue(name: TQueueName | typeof DEAD_LETTER_QUEUE, connection: ConnectionOptions, prefix = DEFAULT_REDIS_PREFIX): Queue {
  return new Queue(name, {
    connection,
    prefix,
    defaultJobOptions: name === DEAD_LETTER_QUEUE ? DEAD_LETTER_JOB_OPTIONS : DEFAULT_JOB_OPTIONS,
  });
}
