import type { Clock } from "@marquee/api/clock";
import { claimRedisWindow } from "@marquee/api/lib/redis-lock";
import { sweepDemandPrices } from "@marquee/api/services/pricing/recompute-price";
import type { Db } from "@marquee/db";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { type Logger } from "../runtime/logger.ts";

export interface TPricingSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Recomputes every demand-priced type on sale every `everyMs` (the rule also runs after sales,
 * see analytics.ts). A Redis window lets one analytics process sweep per period; two at once
 * would still be safe (each recompute runs under the type's pricing lock). An in-process timer,
 * as the hold sweeper does, so the queue shows only real work.
 */
export function startPricingSweeper(
  deps: { db: () => Db; redis: RedisClient; prefix: string; clock: Clock },
  logger: Logger,
  everyMs: number,
): TPricingSweeper {
  const lockKey = `${deps.prefix}:pricing:sweep-lock`;
  let inFlight: Promise<void> = Promise.resolve();
  const sweep = async () => {
    if (!(await claimRedisWindow(deps.redis, lockKey, Math.max(1, Math.floor(everyMs * 0.9))))) return;
    const result = await sweepDemandPrices({ db: deps.db(), clock: deps.clock });
    if (result.changed + result.failed > 0) logger.info(result, "pricing sweep changed prices");
  };
  const timer = setInterval(() => {
    inFlight = sweep().catch((error: unknown) => logger.error({ err: error }, "pricing sweep failed"));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
