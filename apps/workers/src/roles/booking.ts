import { systemClock } from "@marquee/api/clock";
import { expireHold, sweepExpiredHolds } from "@marquee/api/services/booking/end-hold";
import { type TBookingDeps } from "@marquee/api/services/booking/types";
import { AVAILABILITY_CATCH_UP_MS, catchUpAvailability } from "@marquee/api/services/availability/announce-availability";
import { listenForOutboxEvents } from "@marquee/api/services/outbox/outbox-listener";
import { startOutboxRelay, type TOutboxRelay } from "@marquee/api/services/outbox/start-outbox-relay";
import {
  bookingHoldExpire,
  bookingHoldSweep,
  bookingPing,
  bookingWaitingListOffer,
  bookingWaitingListOrderPaid,
  bookingWaitingListRefundCompleted,
  createQueueClient,
  HOLD_SWEEP_EVERY_MS,
} from "@marquee/api/jobs";
import { markWaitingListPurchase, offerReturnedStock } from "@marquee/api/services/waiting-list/offer-returned-stock";
import { offerAfterHoldEnded, offerForOrder } from "@marquee/api/services/waiting-list/offer-triggers";
import { checkAdmissionTokenConfig } from "@marquee/api/services/queue/admission-token";
import { startWaitingRoomTicker, type TWaitingRoomTicker } from "@marquee/api/services/queue/ticker";
import { createDb } from "@marquee/db";
import { type BookingServiceServer, BookingServiceService } from "@marquee/proto/v1/booking";
import { JobRegistry } from "../jobs/registry.ts";
import { unary } from "../runtime/grpc-server.ts";
import { watchSlotFailovers, type TFailoverWatcher } from "@marquee/api/services/booking/slot-failover";
import { startHoldSweeper, type THoldSweeper } from "./booking-sweeper.ts";
import { queueStats, type TRoleContext, type TRoleModule } from "./types.ts";

/** The booking worker's jobs, on the booking services with this role's clients. */
export function createBookingJobs(context: TRoleContext, deps: TBookingDeps): JobRegistry {
  return (
    new JobRegistry(bookingPing.queue)
      .register(bookingPing, (payload, job) => {
        context.logger.info({ jobId: job.id, message: payload.message }, "booking ping");
      })
      .register(bookingHoldExpire, async ({ holdId }) => {
        // false: already ended (released, expired by the sweeper) or not due yet (the sweeper will).
        const ended = await expireHold(deps, holdId);
        context.logger.info({ holdId, ended }, "hold expiry");
        // The returned stock goes to the event's waiting list first, if it has one.
        const offers = ended ? await offerAfterHoldEnded(deps, holdId) : null;
        return { ended, offered: offers?.offered.length ?? 0 };
      })
      // A sweep on demand (operators, tests); the periodic one runs in-process (booking-sweeper.ts).
      .register(bookingHoldSweep, async () => {
        const ended = await sweepExpiredHolds(deps);
        if (ended > 0) context.logger.info({ ended }, "hold sweep expired holds");
        return { ended };
      })
      .register(bookingWaitingListOffer, async ({ eventId }) => {
        const run = await offerReturnedStock(deps, eventId);
        if (run.offered.length + run.expired > 0) context.logger.info({ eventId, offered: run.offered.length, expired: run.expired }, "waiting list offers");
        return { offered: run.offered.length, expired: run.expired };
      })
      .register(bookingWaitingListRefundCompleted, async ({ orderId }) => {
        const run = await offerForOrder(deps, orderId);
        return { offered: run.offered.length, expired: run.expired };
      })
      .register(bookingWaitingListOrderPaid, async ({ orderId }) => ({ eventId: await markWaitingListPurchase(deps, orderId) }))
  );
}

/** The booking worker: hold expiry (a delayed job per hold plus a periodic sweeper), the waiting rooms' admission ticks, and ping. */
export function createBookingRole(context: TRoleContext): TRoleModule {
  // The ticker signs admission tokens: without ADMISSION_TOKEN_SECRET (production) stop here.
  checkAdmissionTokenConfig();
  const db = createDb(context.databaseUrl, { max: 5 });
  const deps: TBookingDeps = { db, redis: context.redis, redisPrefix: context.prefix, clock: systemClock, realtime: context.realtime ?? null };
  let sweeper: THoldSweeper | undefined;
  let ticker: TWaitingRoomTicker | undefined;
  let catchUp: NodeJS.Timeout | undefined;
  let relay: TOutboxRelay | undefined;
  let failovers: TFailoverWatcher | undefined;
  // The outbox relay publishes to every role's queue under this process's prefix.
  const outboxQueues = createQueueClient(context.redis, context.prefix);
  const implementation: BookingServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return {
    jobs: createBookingJobs(context, deps),
    service: { name: "marquee.v1.BookingService", definition: BookingServiceService, implementation },
    start: async () => {
      sweeper = startHoldSweeper(deps, context.logger, HOLD_SWEEP_EVERY_MS);
      // On a Redis Cluster: after a failover, events of the moved slots rebuild from PostgreSQL.
      failovers = watchSlotFailovers(deps, (eventIds, movedSlots) =>
        context.logger.warn(
          { movedSlots, events: eventIds.length },
          "redis cluster slots moved; their events' inventory and waiting room rebuild from PostgreSQL",
        ),
      );
      ticker = startWaitingRoomTicker(deps, {
        onTick: (event, result) => {
          if (result.admitted.length > 0 || result.closed)
            context.logger.info(
              { eventId: event.id, admitted: result.admitted.length, waiting: result.waiting, available: result.available, closed: result.closed },
              "waiting room tick",
            );
        },
        onError: (error) => context.logger.error({ err: error }, "waiting room tick failed"),
      });
      // Live availability whose publish was lost with a dead process goes out within 5 s.
      catchUp = setInterval(() => {
        catchUpAvailability({ ...deps, realtime: deps.realtime }).catch((error: unknown) =>
          context.logger.error({ err: error }, "availability catch-up failed"),
        );
      }, AVAILABILITY_CATCH_UP_MS);
      catchUp.unref();
      // Outbox events go out as soon as their transaction commits (NOTIFY), else within 1 s.
      relay = startOutboxRelay(
        { db, queues: outboxQueues, realtime: deps.realtime },
        {
          everyMs: 1_000,
          wake: listenForOutboxEvents(context.databaseUrl, { onError: (error) => context.logger.warn({ err: error }, "outbox listener lost its connection") }),
          onBatch: ({ published, failed }) => {
            if (failed > 0) context.logger.warn({ published, failed }, "outbox publishes failed; retrying with backoff");
          },
          onError: (error) => context.logger.error({ err: error }, "outbox relay batch failed"),
        },
      );
    },
    close: async () => {
      clearInterval(catchUp);
      await failovers?.stop();
      await relay?.stop();
      await outboxQueues.close();
      await ticker?.stop();
      await sweeper?.stop();
      await db.$disconnect();
    },
  };
}
