import { type QueueStats } from "@marquee/proto/v1/queue";
import { type Queue } from "bullmq";
import { listDeadLetters, type TDeadLetterEntry } from "../jobs/dead-letter.ts";
import { queueStats } from "../roles/types.ts";

/** How many dead letters GET /queues loads and shows (all are counted). */
export const QUEUE_REPORT_DEAD_LETTERS = 50;

/** GET /queues: the role's queue counts and its dead letters. Read-only. */
export interface TQueueReport {
  role: string;
  queue: QueueStats;
  deadLetters: { queue: string; total: number; entries: TDeadLetterEntry[] };
}

export async function readQueueReport(role: string, queue: Queue, deadLetter: Queue, limit = QUEUE_REPORT_DEAD_LETTERS): Promise<TQueueReport> {
  const [stats, letters] = await Promise.all([queueStats(queue), listDeadLetters(deadLetter, queue.name, limit)]);
  return { role, queue: stats, deadLetters: { queue: deadLetter.name, ...letters } };
}
