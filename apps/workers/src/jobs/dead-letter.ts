import { type Job, type Queue, UnrecoverableError } from "bullmq";

/** What the dead-letter queue holds for each job that failed for good. */
export interface TDeadLetter {
  queue: string;
  jobId: string;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  unrecoverable: boolean;
  failedAt: string;
}

export const isUnrecoverable = (error: Error): boolean => error instanceof UnrecoverableError || error.name === "UnrecoverableError";

/**
 * Whether this failure ends the job: BullMQ counts `attemptsMade` only after an attempt ends,
 * so while an attempt runs it is the number of earlier attempts.
 */
export function isFinalAttempt(job: Pick<Job, "attemptsMade" | "opts">, error: Error): boolean {
  return isUnrecoverable(error) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Copies a finally failed job to the dead-letter queue, from inside the processor so that
 * `worker.close()` waits for it. The dead letter's job id is derived from the job, so a copy
 * repeated after a crash is not duplicated.
 */
export async function copyToDeadLetter(deadLetter: Queue, job: Job, error: Error): Promise<TDeadLetter> {
  const letter: TDeadLetter = {
    queue: job.queueName,
    jobId: String(job.id),
    name: job.name,
    data: job.data,
    failedReason: error.message,
    attemptsMade: job.attemptsMade + 1,
    unrecoverable: isUnrecoverable(error),
    failedAt: new Date().toISOString(),
  };
  // BullMQ job ids may not contain ":".
  await deadLetter.add(job.name, letter, { jobId: `${job.queueName}-${job.id}-${job.timestamp}` });
  return letter;
}
