import { type ConnectionOptions, type DefaultJobOptions, Queue } from "bullmq";
import { DEFAULT_JOB_OPTIONS } from "@marquee/api/queues";

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

// Shared with the producers in @marquee/api, whose jobs land on the same queues.
export { DEFAULT_JOB_OPTIONS };

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
