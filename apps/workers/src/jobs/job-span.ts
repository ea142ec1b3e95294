import { type Job } from "bullmq";
import { TRACE_CONTEXT_KEY } from "@marquee/api/jobs";
import { extractTraceContext, inSpan, SpanKind } from "@marquee/api/observability/tracing";

/**
 * Each attempt of a job in a "process" span, the child of the enqueuing "send" span whose trace
 * context the job data carries (queue-client.ts), so a job continues the trace of whatever
 * enqueued it: a request, another job, an outbox row. A job without one starts a trace.
 */
export function traceJobs<TResult>(queue: string, processor: (job: Job) => Promise<TResult>): (job: Job) => Promise<TResult> {
  return (job) => {
    const data = job.data && typeof job.data === "object" ? (job.data as Record<string, unknown>) : {};
    const attributes = {
      "messaging.system": "bullmq",
      "messaging.operation.type": "process",
      "messaging.destination.name": queue,
      "messaging.message.id": job.id ?? "",
      "marquee.job": job.name,
      "marquee.job.attempt": job.attemptsMade + 1,
    };
    return inSpan(`process ${queue} ${job.name}`, { kind: SpanKind.CONSUMER, parent: extractTraceContext(data[TRACE_CONTEXT_KEY]), attributes }, () =>
      processor(job),
    );
  };
}
