import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import type { Clock } from "../../clock.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";

/** The clients booking services need; the tRPC context and the booking worker both provide them. */
export interface TBookingDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  clock: Clock;
  /** Live availability (services/availability); absent or null: changes are not announced. */
  realtime?: RealtimePublisher | null;
}

export interface TBookingDepsWithQueues extends TBookingDeps {
  queues: QueueClient;
}
