import { type ConnectionOptions, type DefaultJobOptions, Queue } from "bullmq";
import { DEAD_LETTER_QUEUE, DEFAULT_JOB_OPTIONS, queuePrefix, type TQueueName } from "@marquee/api/jobs";

/** Redis key prefix when REDIS_PREFIX is not set; tests use a unique one each. */
export const DEFAULT_REDIS_PREFIX = "marquee";

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
    prefix: queuePrefix(prefix, name),
    defaultJobOptions: name === DEAD_LETTER_QUEUE ? DEAD_LETTER_JOB_OPTIONS : DEFAULT_JOB_OPTIONS,
  });
}
