// The waiting-room ticker as its own process for bench:booking parts 3 and 4: the same
// startWaitingRoomTicker the booking worker runs, with real PostgreSQL, Redis and Soketi clients.
import { createDb } from "@marquee/db";
import { Redis } from "ioredis";
import { systemClock } from "../../src/clock.ts";
import { readRealtimeEnv, realtimeConfigFromEnv } from "../../src/realtime/env.ts";
import { createRealtimePublisher } from "../../src/realtime/publisher.ts";
import { startWaitingRoomTicker } from "../../src/services/queue/ticker.ts";
import { benchEnv } from "../lib/env.ts";

const env = benchEnv();
const db = createDb(env.DATABASE_URL!, { max: 4 });
const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
const realtime = createRealtimePublisher(realtimeConfigFromEnv(readRealtimeEnv()));
const ticker = startWaitingRoomTicker(
  { db, redis, redisPrefix: env.REDIS_PREFIX ?? "marquee", clock: systemClock, realtime },
  { onError: (error) => console.error("tick failed:", error) },
);
process.on("SIGTERM", () => {
  void ticker.stop().finally(async () => {
    await Promise.allSettled([redis.quit(), db.$disconnect()]);
    process.exit(0);
  });
});
