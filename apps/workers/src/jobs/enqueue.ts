import { type Job, type JobsOptions, type Queue } from "bullmq";
import { randomUUID } from "node:crypto";
import { type z } from "zod";
import { CORRELATION_ID_KEY, type TJobDefinition } from "./definitions";

/**
 * Adds a job of type `definition` to `queue` (made with createQueue). The payload is validated
 * here too, so a producer bug fails at the producer. The correlation id (a new one if not
 * given) travels in the job data and shows up in the worker's logs and gRPC calls.
 */
export async function enqueue<TSchema extends z.ZodType>(
  queue: Queue,
  definition: TJobDefinition<TSchema>,
  payload: z.input<TSchema>,
  options: { correlationId?: string; jobOptions?: JobsOptions } = {},
): Promise<Job> {
  if (queue.name !== definition.queue) {
    throw new Error(`Job "${definition.name}" belongs to ${definition.queue}, not ${queue.name}`);
  }
  const data = definition.schema.parse(payload);
  return queue.add(
    definition.name,
    { ...(data as object), [CORRELATION_ID_KEY]: options.correlationId ?? randomUUID() },
    { ...definition.options, ...options.jobOptions },
  );
}
