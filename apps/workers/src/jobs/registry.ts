import { type Job, UnrecoverableError } from "bullmq";
import { type z } from "zod";
import { CORRELATION_ID_KEY, TRACE_CONTEXT_KEY, type TJobDefinition, type TQueueName, ZCorrelationId } from "@marquee/api/jobs";

export type TJobHandler<TPayload> = (payload: TPayload, job: Job) => Promise<unknown> | unknown;

export type TRunnableJob = Pick<Job, "name" | "data" | "id" | "queueName" | "timestamp">;

interface TRegisteredJob {
  definition: TJobDefinition;
  handler: TJobHandler<unknown>;
}

/** Stable across retries of one job, distinct between jobs: the analytics deduplication key. */
export const jobKey = (job: TRunnableJob): string => `${job.queueName}:${job.id ?? "?"}:${job.timestamp}`;

/** The correlation id given at enqueue time, else one derived from the job. */
export function jobCorrelationId(job: TRunnableJob): string {
  const value: unknown = job.data && typeof job.data === "object" ? (job.data as Record<string, unknown>)[CORRELATION_ID_KEY] : undefined;
  const parsed = ZCorrelationId.safeParse(value);
  return parsed.success ? parsed.data : jobKey(job);
}

/** Job data without the reserved correlation id and trace context keys. */
function payloadOf(data: unknown): unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const { [CORRELATION_ID_KEY]: _correlationId, [TRACE_CONTEXT_KEY]: _traceContext, ...payload } = data as Record<string, unknown>;
  return payload;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`).join("; ");
}

/**
 * The job types one queue's worker handles. `run` validates the payload before calling the
 * handler: an unknown job name or an invalid payload is an UnrecoverableError, so BullMQ fails
 * the job at once instead of retrying something that can never succeed.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, TRegisteredJob>();

  constructor(readonly queue: TQueueName) {}

  register<TSchema extends z.ZodType>(definition: TJobDefinition<TSchema>, handler: TJobHandler<z.output<TSchema>>): this {
    if (definition.queue !== this.queue) {
      throw new Error(`Job "${definition.name}" belongs to ${definition.queue}, not ${this.queue}`);
    }
    if (this.jobs.has(definition.name)) throw new Error(`Job "${definition.name}" is already registered on ${this.queue}`);
    this.jobs.set(definition.name, { definition, handler: handler as TJobHandler<unknown> });
    return this;
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  async run(job: TRunnableJob): Promise<unknown> {
    const registered = this.jobs.get(job.name);
    if (!registered) throw new UnrecoverableError(`Unknown job "${job.name}" on ${this.queue}`);
    const parsed = registered.definition.schema.safeParse(payloadOf(job.data));
    if (!parsed.success) {
      throw new UnrecoverableError(`Invalid payload for ${this.queue}/${job.name}: ${describeIssues(parsed.error)}`);
    }
    return registered.handler(parsed.data, job as Job);
  }
}
