import { Prisma, type Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { convertHoldInRedis, invalidateInventory } from "../booking/convert-hold.ts";
import { announceSoldOut } from "../webhooks/announce-sold-out.ts";

type Tx = Prisma.TransactionClient;

export interface TFinalizeDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  clock: Clock;
  realtime?: RealtimePublisher | null;
}

/**
 * FINAL: the hold became the sale. FINAL_LATE: the hold had ended (paid after expiry) but its
 * stock was still free and is now sold. ALREADY_FINAL: an earlier call did it. STOCK_GONE: paid
 * after expiry and someone else has the seats or tickets now: the caller compensates (cancel the
 * authorisation, tell the buyer).
 */
export type TFinalizeOutcome = "FINAL" | "FINAL_LATE" | "ALREADY_FINAL" | "STOCK_GONE";

class StockGone extends Error {}

/** The GA capacity lock of marquee_place_hold, exclusive: nothing else raises soldCount past capacity meanwhile. */
async function lockCapacity(tx: Tx, typeIds: string[]): Promise<void> {
  const sorted = [...new Set(typeIds)].sort();
  for (const typeId of sorted) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee:ga-capacity'), hashtext(${typeId}::text))`;
}

/** The result of finalizeInTransaction: what happened, and what the Redis step after the commit needs. */
export interface TFinalized {
  outcome: TFinalizeOutcome;
  holdId: string | null;
  eventId: string;
}

/**
 * finalizeSale's transaction body, inside the caller's transaction (the box office sells and
 * finalises in one). Throws StockGone when an ended hold's stock was taken meanwhile.
 */
export async function finalizeInTransaction(tx: Tx, now: Date, orderId: string): Promise<TFinalized> {
  const [order] = await tx.$queryRaw<
    { id: string; eventId: string; holdId: string | null }[]
  >`SELECT id, "eventId", "holdId" FROM "Order" WHERE id = ${orderId}::uuid FOR UPDATE`;
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  const lines = await tx.orderLine.findMany({ where: { orderId }, select: { id: true, ticketTypeId: true, seatId: true, quantity: true, status: true } });
  if (lines.length > 0 && lines.every((line) => line.status === "ACTIVE"))
    return { outcome: "ALREADY_FINAL" as const, holdId: order.holdId, eventId: order.eventId };
  if (lines.some((line) => line.status !== "PENDING")) throw new AppError("CONFLICT", "This order's lines cannot become a sale.");
  const ga = lines.filter((line) => line.seatId === null);
  const converted = order.holdId
    ? await tx.hold.updateMany({ where: { id: order.holdId, status: "ACTIVE" }, data: { status: "CONVERTED", endedAt: now } })
    : { count: 0 };
  // The items' statement writes the held counter's slot rows (TicketTypeHeld) before the capacity
  // lock is taken: the order marquee_place_hold takes them in, so the two cannot deadlock.
  if (converted.count === 1) await tx.holdItem.updateMany({ where: { holdId: order.holdId! }, data: { live: false } });
  await lockCapacity(
    tx,
    ga.map((line) => line.ticketTypeId),
  );
  if (converted.count !== 1) {
    // Paid after the hold ended: only stock nobody else has.
    const seatIds = lines.flatMap((line) => (line.seatId ? [line.seatId] : []));
    if (seatIds.length > 0 && (await tx.holdItem.count({ where: { eventId: order.eventId, seatId: { in: seatIds }, live: true } })) > 0) throw new StockGone();
    for (const line of ga) {
      const [row] = await tx.$queryRaw<{ left: bigint }[]>`
          SELECT t.capacity - t."soldCount" - COALESCE((SELECT SUM(h.quantity) FROM "TicketTypeHeld" h WHERE h."ticketTypeId" = t.id), 0) AS left
          FROM "TicketType" t WHERE t.id = ${line.ticketTypeId}::uuid`;
      if (!row || row.left < BigInt(line.quantity)) throw new StockGone();
    }
  }
  await tx.orderLine.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "ACTIVE" } });
  // Seated types count their sales too (their CHECK has no capacity to hold them to).
  for (const line of lines) await tx.ticketType.update({ where: { id: line.ticketTypeId }, data: { soldCount: { increment: line.quantity } } });
  await announceSoldOut(
    tx,
    order.eventId,
    lines.map((line) => line.ticketTypeId),
  );
  return { outcome: converted.count === 1 ? ("FINAL" as const) : ("FINAL_LATE" as const), holdId: order.holdId, eventId: order.eventId };
}

/**
 * The saga's first step once the payment is authorised: the order's lines become ACTIVE (sold) in
 * one transaction with `soldCount` and the hold. A live hold is CONVERTED (its items stop being
 * live while soldCount grows by the same quantities, so held + sold stays constant); a hold that
 * already ended is honoured only if its stock is still free (no live hold of anyone on its seats,
 * GA capacity left after sold and live holds), under the same exclusive capacity lock holds take.
 * The partial unique index on active seat lines and the soldCount CHECK refuse a double sale in any
 * case. Idempotent: the order row is locked, and ACTIVE lines mean done.
 */
export async function finalizeSale(deps: TFinalizeDeps, orderId: string): Promise<TFinalizeOutcome> {
  let result: TFinalized;
  try {
    result = await deps.db.$transaction((tx) => finalizeInTransaction(tx, deps.clock.now(), orderId));
  } catch (error) {
    if (error instanceof StockGone) return "STOCK_GONE";
    // A seat sold to someone else meanwhile (active seat line index) or GA past capacity (CHECK).
    if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2002" || /check/i.test(error.message))) return "STOCK_GONE";
    throw error;
  }
  if (result.outcome === "FINAL" && result.holdId) await convertHoldInRedis(deps, result.eventId, result.holdId);
  if (result.outcome === "FINAL_LATE") await invalidateInventory(deps, result.eventId);
  return result.outcome;
}
