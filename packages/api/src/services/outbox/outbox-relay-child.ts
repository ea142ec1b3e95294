// The relay as a child process for the kill -9 test (outbox-kill.integration.test.ts):
// node --import tsx outbox-relay-child.ts <databaseUrl> <redisUrl> <redisPrefix> <aggregateType>
// Batches of 10; after publishing its second batch it reports "published" and stalls before
// marking the rows sent, which is where the test kills it.
import { createDb } from "@marquee/db";
import { createQueueClient } from "../../jobs/queue-client.ts";
import { createRedisClient } from "../../lib/redis-client.ts";
import { testRedisConfig } from "../../testing/test-redis.ts";
import { relayOutboxOnce } from "./relay-outbox.ts";

const [databaseUrl, redisUrl, prefix, aggregateType] = process.argv.slice(2);
if (!databaseUrl || !redisUrl || !prefix || !aggregateType) throw new Error("usage: outbox-relay-child.ts <databaseUrl> <redisUrl> <prefix> <aggregateType>");

const db = createDb(databaseUrl, { max: 2 });
// A cluster (REDIS_CLUSTER_NODES, inherited from the test) wins over the URL, as in the servers.
const redis = createRedisClient({ url: redisUrl, clusterNodes: testRedisConfig().clusterNodes }, { maxRetriesPerRequest: null });
const queues = createQueueClient(redis, prefix);
let batches = 0;
for (;;) {
  await relayOutboxOnce(
    { db, queues, realtime: null },
    {
      aggregateType,
      batch: 10,
      leaseMs: 1_000,
      beforeMarkSent: async (ids) => {
        batches += 1;
        if (batches < 2) return;
        process.stdout.write(`published ${ids.length}\n`);
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      },
    },
  );
}
