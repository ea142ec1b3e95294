import { type ConnectionOptions, type Job, type Queue, Worker } from "bullmq";
import { type Logger, withCorrelationId } from "../runtime/logger.ts";
import { type TJobStatus, type TMetrics } from "../runtime/metrics.ts";
import { copyToDeadLetter, isFinalAttempt } from "./dead-letter.ts";
import { queuePrefix } from "@marquee/api/jobs";
import { traceJobs } from "./job-span.ts";
import { DEFAULT_REDIS_PREFIX } from "./queues.ts";
import { jobCorrelationId, jobKey, type JobRegistry } from "./registry.ts";

export interface TJobContext {
  correlationId: string;
  /** Same on every attempt of this job: use it to make side effects idempotent. */
  key: string;
}

export interface TJobWorkerOptions {
  registry: JobRegistry;
  connection: ConnectionOptions;
  prefix?: string;
  deadLetter: Queue;
  metrics: TMetrics;
  logger: Logger;
  /** Runs after a handler succeeded, as part of the attempt (if it throws, the job is retried). */
  afterJob?: (job: Job, context: TJobContext) => Promise<void>;
  concurrency?: number;
  /** BullMQ lockDuration (and stalled-job check interval); default 30 s. */
  lockMs?: number;
}

/**
 * How long the job waited for a worker: from when it was due (enqueued, plus its delay: hold
 * expiries and repeatable jobs are delayed on purpose) to its first attempt's start. Retries are
 * not observed (their wait is the backoff chosen).
 */
function observeWait(metrics: TMetrics, labels: { queue: string; job: string }, job: Job): void {
  if (job.attemptsMade > 0 || !job.processedOn) return;
  const dueAt = job.timestamp + (job.opts.delay ?? 0);
  metrics.jobWait.observe(labels, Math.max(0, job.processedOn - dueAt) / 1000);
}

/**
 * A BullMQ Worker for the registry's queue. Each attempt runs inside the job's correlation id,
 * is counted and timed per queue and job name, and a final failure is copied to the dead-letter
 * queue before BullMQ marks the job failed.
 */
export function createJobWorker(options: TJobWorkerOptions): Worker {
  const { registry, metrics, logger, deadLetter } = options;

  const processor = (job: Job) => {
    const context: TJobContext = { correlationId: jobCorrelationId(job), key: jobKey(job) };
    return withCorrelationId(context.correlationId, async () => {
      // Unknown names share one label, so junk job names cannot explode metric cardinality.
      const labels = { queue: registry.queue, job: registry.has(job.name) ? job.name : "unknown" };
      observeWait(metrics, labels, job);
      const stopTimer = metrics.jobDuration.startTimer(labels);
      const finish = (status: TJobStatus) => {
        stopTimer({ status });
        metrics.jobs.inc({ ...labels, status });
      };
      try {
        const result = await registry.run(job);
        await options.afterJob?.(job, context);
        finish("completed");
        logger.info({ queue: registry.queue, job: job.name, jobId: job.id }, "job completed");
        return result;
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        const final = isFinalAttempt(job, error);
        finish(final ? "failed" : "retried");
        const details = { queue: registry.queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1, err: error };
        if (!final) {
          logger.warn(details, "job attempt failed, will retry");
        } else {
          logger.error(details, "job failed, copying to dead-letter queue");
          await copyToDeadLetter(deadLetter, job, error).catch((dlqError: unknown) =>
            logger.error({ err: dlqError, jobId: job.id }, "copying to dead-letter queue failed"),
          );
        }
        throw error;
      }
    });
  };

  const worker = new Worker(registry.queue, traceJobs(registry.queue, processor), {
    connection: options.connection,
    prefix: queuePrefix(options.prefix ?? DEFAULT_REDIS_PREFIX, registry.queue),
    concurrency: options.concurrency ?? 5,
    ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
  });
  worker.on("error", (error) => logger.error({ err: error }, "worker error"));
  return worker;
}
