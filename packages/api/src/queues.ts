import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";

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
      existing = new Queue(name, { connection, prefix });
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
