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
 * `<queue>-<job id>-<timestamp>` (BullMQ job ids may not contain ":"); listDeadLetters relies on
 * the source queue's name coming first.
 */
const deadLetterJobId = (job: Pick<Job, "queueName" | "id" | "timestamp">) => `${job.queueName}-${job.id}-${job.timestamp}`;

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
  await deadLetter.add(job.name, letter, { jobId: deadLetterJobId(job) });
  return letter;
}

/** One dead letter as /queues shows it (the payload is left out: it can be large). */
export interface TDeadLetterEntry {
  id: string;
  name: string;
  jobId: string;
  attemptsMade: number;
  unrecoverable: boolean;
  failedReason: string;
  failedAt: string;
}

/**
 * The dead letters copied from `sourceQueue`, newest first: all of them counted, the first
 * `limit` loaded. The dead-letter queue is shared by every role, so this reads only its job ids
 * (which start with the source queue's name) and then loads just the `limit` jobs it returns.
 */
export async function listDeadLetters(deadLetter: Queue, sourceQueue: string, limit: number): Promise<{ total: number; entries: TDeadLetterEntry[] }> {
  // Dead letters have no worker, so they stay waiting (delayed/prioritized only if added so).
  const ids = await deadLetter.getRanges(["waiting", "delayed", "prioritized"], 0, -1, false);
  const matching = ids.filter((id) => id.startsWith(`${sourceQueue}-`));
  const jobs = await Promise.all(matching.slice(0, limit).map((id) => deadLetter.getJob(id)));
  const entries = jobs.flatMap((job): TDeadLetterEntry[] => {
    if (!job) return []; // removed since the ids were read
    const letter = job.data as TDeadLetter;
    return [
      {
        id: String(job.id),
        name: letter.name,
        jobId: letter.jobId,
        attemptsMade: letter.attemptsMade,
        unrecoverable: letter.unrecoverable,
        failedReason: letter.failedReason,
        failedAt: letter.failedAt,
      },
    ];
  });
  return { total: matching.length, entries };
}
