// The jobs contract against the roles' registries: every job a producer can add (JOBS, the outbox
// topics' routes) has a handler in the worker that consumes its queue, so nothing written can only
// end in the dead-letter queue as an unknown job. The roles are built, not started: nothing connects.
import { JOBS, QUEUE_NAMES, type TQueueName } from "@marquee/api/jobs";
import { OUTBOX_TOPICS } from "@marquee/api/services/outbox/topics";
import { type Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { ROLES } from "../env.ts";
import { type JobRegistry } from "../jobs/registry.ts";
import { createLogger } from "../runtime/logger.ts";
import { ROLE_FACTORIES } from "./index.ts";

const redis = new Redis({ lazyConnect: true, maxRetriesPerRequest: null });
afterAll(() => redis.disconnect());

function registries(): Map<TQueueName, JobRegistry> {
  const byQueue = new Map<TQueueName, JobRegistry>();
  for (const role of ROLES) {
    const module = ROLE_FACTORIES[role]({
      role,
      logger: createLogger(role, "silent"),
      redis,
      prefix: "handlers-test",
      queue: { name: QUEUE_NAMES[role] } as Queue,
      databaseUrl: "postgresql://127.0.0.1:1/never-connected",
    });
    byQueue.set(module.jobs.queue, module.jobs);
  }
  return byQueue;
}

const describeJob = (job: { queue: string; name: string }) => `${job.queue}/${job.name}`;

describe("jobs contract", () => {
  const byQueue = registries();

  it("gives every queue a role whose registry consumes it", () => {
    expect([...byQueue.keys()].sort()).toEqual(Object.values(QUEUE_NAMES).sort());
  });

  it("has a registered handler for every job a producer can add", () => {
    const missing = JOBS.filter((job) => !byQueue.get(job.queue)?.has(job.name)).map(describeJob);
    expect(missing).toEqual([]);
  });

  it("routes every outbox topic somewhere, and each routed job is in the contract with a handler", () => {
    for (const [topic, definition] of Object.entries(OUTBOX_TOPICS)) {
      const jobs = ("jobs" in definition ? definition.jobs : undefined) ?? [];
      expect(jobs.length > 0 || "realtime" in definition, `${topic} has no route`).toBe(true);
      for (const job of jobs) {
        expect(JOBS, `${topic} -> ${describeJob(job)} is not in JOBS`).toContain(job);
        expect(byQueue.get(job.queue)?.has(job.name), `${topic} -> ${describeJob(job)} has no handler`).toBe(true);
      }
    }
  });
});
