import { type Job, type JobsOptions, Queue } from "bullmq";
import type { RedisClient } from "../lib/redis-client.ts";
import type { z } from "zod";
import { injectTraceContext, inSpan, SpanKind } from "../observability/tracing.ts";
import { CORRELATION_ID_KEY, DEFAULT_JOB_OPTIONS, queuePrefix, TRACE_CONTEXT_KEY, type TJobDefinition } from "./contract.ts";

export interface TEnqueueOptions extends JobsOptions {
  /** Travels in the job data and shows up in the worker's logs and gRPC calls; without one the worker derives it from the job. */
  correlationId?: string;
}

/**
 * Adds a job of type `definition` to `queue`. The payload is validated here, so a producer bug
 * fails at the producer. Options: the queue's defaults, then the definition's, then the call's.
 */
export async function enqueueJob<TSchema extends z.ZodType>(
  queue: Queue,
  definition: TJobDefinition<TSchema>,
  payload: z.input<TSchema>,
  options: TEnqueueOptions = {},
): Promise<Job> {
  if (queue.name !== definition.queue) throw new Error(`Job "${definition.name}" belongs to ${definition.queue}, not ${queue.name}`);
  const { correlationId, ...jobOptions } = options;
  const data = definition.schema.parse(payload);
  // A "send" span; the job carries its trace context, so the worker's span is its child.
  const attributes = {
    "messaging.system": "bullmq",
    "messaging.operation.type": "send",
    "messaging.destination.name": queue.name,
    "marquee.job": definition.name,
  };
  return inSpan(`send ${queue.name} ${definition.name}`, { kind: SpanKind.PRODUCER, attributes }, () => {
    const traceContext = injectTraceContext();
    const reserved = {
      ...(correlationId === undefined ? {} : { [CORRELATION_ID_KEY]: correlationId }),
      ...(traceContext ? { [TRACE_CONTEXT_KEY]: traceContext } : {}),
    };
    return queue.add(definition.name, Object.keys(reserved).length === 0 ? data : { ...(data as object), ...reserved }, {
      ...definition.options,
      ...jobOptions,
    });
  });
}

/** Enqueues background jobs. The context carries one; tests pass one with a unique prefix. */
export interface QueueClient {
  add<TSchema extends z.ZodType>(
    definition: TJobDefinition<TSchema>,
    payload: z.input<TSchema>,
    options?: TEnqueueOptions,
  ): Promise<{ id: string | undefined }>;
  close(): Promise<void>;
}

export function createQueueClient(connection: RedisClient, prefix = "marquee"): QueueClient {
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    let existing = queues.get(name);
    if (!existing) {
      existing = new Queue(name, { connection, prefix: queuePrefix(prefix, name), defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queues.set(name, existing);
    }
    return existing;
  };
  return {
    async add(definition, payload, options) {
      const job = await enqueueJob(queue(definition.queue), definition, payload, options);
      return { id: job.id };
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}
