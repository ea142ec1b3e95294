import type { Db } from "@marquee/db";
import type { Redis } from "ioredis";
import type { Clock } from "../../clock.ts";
import type { QueueClient } from "../../queues.ts";

/** The clients booking services need; the tRPC context and the booking worker both provide them. */
export interface TBookingDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  clock: Clock;
}

export interface TBookingDepsWithQueues extends TBookingDeps {
  queues: QueueClient;
}
