// The no-op job of part 2: a real definition (queue, name, zod payload) on a role queue.
import { z } from "zod";
import { defineJob, QUEUE_NAMES } from "@marquee/api/jobs";

/** The role whose queue the no-op jobs use; the analytics counter is `jobs.<role>.<job>`, as in run-role. */
export const NOOP_ROLE = "notification";

export const benchNoop = defineJob({ queue: QUEUE_NAMES[NOOP_ROLE], name: "bench.noop", schema: z.object({ n: z.number().int().nonnegative() }) });

export type TDrainKind = "bare" | "ours" | "ours+record";

export interface TDrainCommand {
  op: "drain";
  kind: TDrainKind;
  prefix: string;
  jobs: number;
  concurrency: number;
}

export interface TDrainResult {
  seconds: number;
  completed: number;
  failed: number;
}
