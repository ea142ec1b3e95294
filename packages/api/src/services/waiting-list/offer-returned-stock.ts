import { Prisma } from "@marquee/db";
import type { TBookingDeps } from "../booking/types.ts";
import { writeOutboxMany } from "../outbox/write-outbox.ts";
import { refreshDemand } from "./waiting-list-demand.ts";

type Tx = Prisma.TransactionClient;

/** Offers made per type and run at most (a big return of stock is offered over a few runs). */
const MAX_OFFERS_PER_RUN = 200;

/**
 * Ends offers that ran out unused, inside the offer run's transaction: OFFERED entries without a
 * hold past offerExpiresAt, and entries whose hold ended unpaid (expired or released, or its order
 * was cancelled or expired). Their stock passes to the next entries.
 */
async function expireStaleOffers(tx: Tx, eventId: string, now: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "WaitingListEntry" w SET status = 'EXPIRED', "endedAt" = ${now}, "offerTokenHash" = NULL, "updatedAt" = ${now}
    WHERE w."eventId" = ${eventId}::uuid AND w.status = 'OFFERED' AND (
      (w."holdId" IS NULL AND w."offerExpiresAt" <= ${now})
      OR EXISTS (SELECT 1 FROM "Hold" h WHERE h.id = w."holdId" AND h.status IN ('EXPIRED', 'RELEASED'))
      OR EXISTS (SELECT 1 FROM "Order" o WHERE o."holdId" = w."holdId" AND o.status IN ('CANCELLED', 'EXPIRED'))
    )`;
}

const purchasedSql = (eventFilter: Prisma.Sql, now: Date) => Prisma.sql`
  UPDATE "WaitingListEntry" w SET status = 'PURCHASED', "orderId" = o.id, "endedAt" = ${now}, "offerTokenHash" = NULL, "updatedAt" = ${now}
  FROM "Order" o
  WHERE o."holdId" = w."holdId" AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED') AND w.status = 'OFFERED' AND ${eventFilter}`;

/** An offer whose hold became a paid order is PURCHASED (the `order.paid` job; every offer run checks too). Answers the event whose list changed. */
export async function markWaitingListPurchase(deps: Pick<TBookingDeps, "db" | "redis" | "redisPrefix" | "clock">, orderId: string): Promise<string | null> {
  const order = await deps.db.order.findUnique({ where: { id: orderId }, select: { holdId: true, eventId: true } });
  if (!order?.holdId) return null;
  const hit = await deps.db.$executeRaw(purchasedSql(Prisma.sql`w."holdId" = ${order.holdId}::uuid`, deps.clock.now()));
  if (hit === 0) return null;
  await refreshDemand(deps, order.eventId);
  return order.eventId;
}

/**
 * Stock each GA type could offer now: capacity - sold - live holds - the quantities of offers not
 * yet claimed (a claimed offer's hold is already among the live holds). Only types with entries WAITING.
 */
async function offerableStock(tx: Tx, eventId: string): Promise<{ ticketTypeId: string; free: number }[]> {
  const rows = await tx.$queryRaw<{ ticketTypeId: string; free: bigint }[]>`
    SELECT t.id AS "ticketTypeId",
      t.capacity - t."soldCount"
        - COALESCE((SELECT SUM(i.quantity) FROM "HoldItem" i WHERE i."ticketTypeId" = t.id AND i.live), 0)
        - COALESCE((SELECT SUM(w.quantity) FROM "WaitingListEntry" w WHERE w."ticketTypeId" = t.id AND w.status = 'OFFERED' AND w."holdId" IS NULL), 0) AS free
    FROM "TicketType" t
    WHERE t."eventId" = ${eventId}::uuid AND t.active AND t.capacity IS NOT NULL
      AND EXISTS (SELECT 1 FROM "WaitingListEntry" w WHERE w."ticketTypeId" = t.id AND w.status = 'WAITING')`;
  return rows.map((row) => ({ ticketTypeId: row.ticketTypeId, free: Number(row.free) }));
}

export interface TOfferRun {
  expired: number;
  offered: string[];
}

/**
 * Offers returned stock to the next people in line, one run at a time per event (a transaction
 * advisory lock on the event, so two runs never offer the same ticket). Unless offers are paused:
 * for each GA type, entries WAITING in position order get an offer while their quantity fits the
 * free stock; an entry that does not fit stops the type's line (nobody behind it jumps ahead).
 * Each offer is OFFERED until now + waitingListOfferMinutes, and an outbox event lets the
 * notification worker mint the link's token and mail it. Stale offers are expired first.
 */
export async function offerReturnedStock(deps: Pick<TBookingDeps, "db" | "redis" | "redisPrefix" | "clock">, eventId: string): Promise<TOfferRun> {
  const now = deps.clock.now();
  const run = await deps.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee:waiting-list'), hashtext(${eventId}))`;
      const event = await tx.event.findUnique({
        where: { id: eventId },
        select: { status: true, waitingListEnabled: true, waitingListPaused: true, waitingListOfferMinutes: true },
      });
      if (!event) return { expired: 0, offered: [] };
      await tx.$executeRaw(purchasedSql(Prisma.sql`w."eventId" = ${eventId}::uuid`, now));
      const expired = await expireStaleOffers(tx, eventId, now);
      if (!event.waitingListEnabled || event.waitingListPaused || event.status !== "PUBLISHED") return { expired, offered: [] };
      const offerExpiresAt = new Date(now.getTime() + event.waitingListOfferMinutes * 60_000);
      const offered: string[] = [];
      for (const { ticketTypeId, free } of await offerableStock(tx, eventId)) {
        if (free <= 0) continue;
        const waiting = await tx.waitingListEntry.findMany({
          where: { ticketTypeId, status: "WAITING" },
          orderBy: { position: "asc" },
          take: Math.min(free, MAX_OFFERS_PER_RUN),
          select: { id: true, quantity: true },
        });
        let left = free;
        const chosen: string[] = [];
        for (const entry of waiting) {
          if (entry.quantity > left) break;
          left -= entry.quantity;
          chosen.push(entry.id);
        }
        if (chosen.length === 0) continue;
        await tx.waitingListEntry.updateMany({ where: { id: { in: chosen }, status: "WAITING" }, data: { status: "OFFERED", offeredAt: now, offerExpiresAt } });
        await writeOutboxMany(
          tx,
          chosen.map((entryId) => ({ topic: "waiting-list.offered" as const, aggregateType: "WaitingListEntry", aggregateId: entryId, payload: { entryId } })),
        );
        offered.push(...chosen);
      }
      return { expired, offered };
    },
    { timeout: 15_000, maxWait: 10_000 },
  );
  if (run.expired > 0 || run.offered.length > 0) await refreshDemand(deps, eventId);
  return run;
}

/**
 * The booking worker's sweep: events with entries OFFERED past their time or WAITING, each run
 * once (expire, then offer). Bounded per call; also re-syncs each event's demand hash.
 */
export async function sweepWaitingLists(
  deps: Pick<TBookingDeps, "db" | "redis" | "redisPrefix" | "clock">,
  options: { batch?: number } = {},
): Promise<TOfferRun> {
  const events = await deps.db.waitingListEntry.findMany({
    where: { status: { in: ["WAITING", "OFFERED"] }, event: { waitingListEnabled: true } },
    distinct: ["eventId"],
    select: { eventId: true },
    take: options.batch ?? 200,
  });
  const total: TOfferRun = { expired: 0, offered: [] };
  for (const { eventId } of events) {
    const run = await offerReturnedStock(deps, eventId);
    total.expired += run.expired;
    total.offered.push(...run.offered);
    await refreshDemand(deps, eventId);
  }
  return total;
}
