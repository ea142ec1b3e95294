// kill -9 of a relay process between publish and mark-sent, then a fresh relay finishes the job:
// every row sent, one BullMQ job per row, each consumer effect once.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { testDatabaseUrl } from "@marquee/db/testing";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { effectsPerOrder, jobIds, openQueues, outboxRows, recordEffect, testAggregateType, writeRefundRequests } from "./outbox-test-kit.ts";
import { processOnce } from "./process-once.ts";
import { relayOutboxOnce } from "./relay-outbox.ts";
import { QUEUE_NAMES, queuePrefix } from "../../jobs/contract.ts";
import { duplicateClient } from "../../lib/redis-client.ts";
import { outboxMessageId } from "./topics.ts";

const harness = useHarness();
let queues: ReturnType<typeof openQueues>;
beforeAll(() => {
  queues = openQueues(harness.redis, harness.redisPrefix);
});
afterAll(() => queues.closeAll());

const TSX = createRequire(import.meta.url).resolve("tsx");
const CHILD = fileURLToPath(new URL("./outbox-relay-child.ts", import.meta.url));

describe("outbox relay killed with SIGKILL", () => {
  it("a fresh relay finishes: every row sent, one job per row, each effect once", async () => {
    const aggregateType = testAggregateType();
    const ids = await writeRefundRequests(harness.db, aggregateType, 40);
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    // One process (no tsx CLI wrapper), so SIGKILL hits the relay itself.
    const child = spawn(process.execPath, ["--import", TSX, CHILD, testDatabaseUrl(), redisUrl, harness.redisPrefix, aggregateType], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child never published: ${stderr}`)), 30_000);
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("published")) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on("exit", () => reject(new Error(`child exited early: ${stderr}`)));
      });
    } finally {
      child.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");

    // The killed batch: published to BullMQ, never marked.
    const rows = await outboxRows(harness.db, ids);
    expect(rows.filter((row) => row.sentAt !== null)).toHaveLength(10);
    const paymentQueue = queues[QUEUE_NAMES.payment];
    const expected = ids.map(outboxMessageId);
    const publishedBeforeKill = (await jobIds(paymentQueue)).filter((id) => expected.includes(id));
    expect(publishedBeforeKill).toHaveLength(20);
    const unsentButPublished = rows.filter((row) => row.sentAt === null && publishedBeforeKill.includes(outboxMessageId(row.id)));
    expect(unsentButPublished).toHaveLength(10);

    const worker = new Worker(
      QUEUE_NAMES.payment,
      (job) =>
        processOnce(harness.db, { consumer: "payment.refund-requested", messageId: job.id! }, async (tx) => {
          await recordEffect(tx, aggregateType, (job.data as { orderId: string }).orderId);
          return "refunded";
        }).then((result) => result.duplicate),
      { connection: duplicateClient(harness.redis), prefix: queuePrefix(harness.redisPrefix, QUEUE_NAMES.payment), concurrency: 4 },
    );
    try {
      // A fresh relay: the unleased rows at once, the killed batch once its 1 s lease runs out.
      const deadline = Date.now() + 20_000;
      while ((await harness.db.outboxEvent.count({ where: { aggregateType, sentAt: null } })) > 0) {
        if (Date.now() > deadline) throw new Error("rows left unsent");
        await relayOutboxOnce({ db: harness.db, queues: harness.queues, realtime: null }, { aggregateType, batch: 10 });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      while ((await effectsPerOrder(harness.db, aggregateType)).size < 40) {
        if (Date.now() > deadline) throw new Error("effects missing");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.close();
    }
    const paymentJobs = (await jobIds(paymentQueue)).filter((id) => expected.includes(id));
    expect(paymentJobs.sort()).toEqual([...expected].sort());
    const effects = await effectsPerOrder(harness.db, aggregateType);
    expect(effects.size).toBe(40);
    expect([...effects.values()].every((count) => count === 1)).toBe(true);
  });
});
