import { claimRedisWindow } from "@marquee/api/lib/redis-lock";
import { releaseEndedHoldsLeftInRedis, sweepExpiredHolds } from "@marquee/api/services/booking/end-hold";
import { type TBookingDeps } from "@marquee/api/services/booking/types";
import { sweepConversations } from "@marquee/api/services/inbox/sweep";
import { sweepWaitingLists } from "@marquee/api/services/waiting-list/offer-returned-stock";
import { type Logger } from "../runtime/logger.ts";

export interface THoldSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * The periodic backstop for hold expiry: every `everyMs`, expire ACTIVE holds past expiresAt whose
 * delayed job was lost or failed. A Redis lock lets one booking process sweep per period (several
 * sweeping at once would still be safe: expireHold is idempotent). An in-process timer rather than
 * a BullMQ repeatable job, so the booking queue's counts and job metrics show only real work.
 * Each sweep also gives Redis back the stock of holds that ended in PostgreSQL while their Redis
 * release failed (releaseEndedHoldsLeftInRedis).
 */
export function startHoldSweeper(deps: TBookingDeps, logger: Logger, everyMs: number): THoldSweeper {
  const lockKey = `${deps.redisPrefix}:booking:hold-sweep-lock`;
  let inFlight: Promise<void> = Promise.resolve();
  // Holds ended since this point are checked for stock left behind in Redis.
  // A (re)started worker looks an hour back.
  let checkedUntil = deps.clock.now().getTime() - 3_600_000;
  const sweep = async () => {
    if (!(await claimRedisWindow(deps.redis, lockKey, Math.max(1, Math.floor(everyMs * 0.9))))) return;
    await sweepHolds().catch((error: unknown) => logger.error({ err: error }, "hold sweep failed"));
    // Waiting lists: offers past their time (or whose hold ended unpaid) expire and pass on, and
    // stock that came back through a door that did not trigger offers is offered.
    await sweepWaitingLists(deps).then(
      (run) => {
        if (run.expired + run.offered.length > 0) logger.info({ expired: run.expired, offered: run.offered.length }, "waiting list sweep");
      },
      (error: unknown) => logger.error({ err: error }, "waiting list sweep failed"),
    );
    // The help inbox's periodic work rides on this loop (one sweeper per period, same lock): snoozes
    // that ended and auto-solve of long-pending conversations. Idempotent, bounded per run; a failure
    // of either sweep does not stop the other.
    await sweepConversations(deps.db, deps.clock.now()).then(
      (inbox) => {
        if (inbox.woken + inbox.solved > 0) logger.info(inbox, "inbox sweep woke snoozed and auto-solved conversations");
      },
      (error: unknown) => logger.error({ err: error }, "inbox sweep failed"),
    );
  };
  const sweepHolds = async () => {
    const ended = await sweepExpiredHolds(deps);
    if (ended > 0) logger.info({ ended }, "hold sweeper expired holds");
    const { released, checkedThrough } = await releaseEndedHoldsLeftInRedis(deps, new Date(checkedUntil));
    checkedUntil = checkedThrough.getTime();
    if (released > 0) logger.warn({ released }, "hold sweeper returned stock an ended hold had left in Redis");
  };
  const timer = setInterval(() => {
    inFlight = sweep().catch((error: unknown) => logger.error({ err: error }, "sweep failed"));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
