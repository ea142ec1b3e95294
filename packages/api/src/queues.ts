import { type DefaultJobOptions, type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";

/** Every queue's job defaults, for producers here and the workers' own queues (apps/workers). */
export const DEFAULT_JOB_OPTIONS = {
  // 5 attempts, 1 s, 2 s, 4 s, 8 s apart: rides out a restart of Redis or of another worker.
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  // Completed jobs are history only: keep a day of them, at most 1,000.
  removeOnComplete: { age: 24 * 60 * 60, count: 1_000 },
  // Failed jobs are kept for inspection and retry (their copy in the dead-letter queue too).
  removeOnFail: false,
} satisfies DefaultJobOptions;

/** Enqueues background jobs. The context carries one; tests pass one with a unique prefix. */
export interface QueueClient {
  add(queueName: string, jobName: string, data: unknown, options?: JobsOptions): Promise<{ id: string | undefined }>;
  close(): Promise<void>;
}

export function createQueueClient(connection: Redis, prefix = "marquee"): QueueClient {
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    let existing = queues.get(name);
    if (!existing) {
      existing = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queues.set(name, existing);
    }
    return existing;
  };
  return {
    async add(queueName, jobName, data, options) {
      const job = await queue(queueName).add(jobName, data, options);
      return { id: job.id };
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}
