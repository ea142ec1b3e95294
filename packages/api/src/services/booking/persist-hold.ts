import { Prisma, type Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TResolvedHold } from "./resolve-hold-request.ts";

type Tx = Prisma.TransactionClient;

export interface TPersistHold {
  holdId: string;
  cart: { id: string; userId: string | null };
  resolved: TResolvedHold;
  expiresAt: Date;
}

/**
 * Locks the GA types (in id order) and refuses to go past capacity. NO KEY UPDATE: the HoldItem
 * inserts already hold FOR KEY SHARE on these rows (foreign key), which FOR UPDATE would deadlock on.
 */
async function guardCapacity(tx: Tx, typeIds: string[]): Promise<void> {
  if (typeIds.length === 0) return;
  const sorted = [...typeIds].sort();
  await tx.$queryRaw`SELECT id FROM "TicketType" WHERE id = ANY(${sorted}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  const over = await tx.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "TicketType" t
    WHERE t.id = ANY(${sorted}::uuid[])
      AND t.capacity - t."soldCount" - COALESCE((
        SELECT SUM(i.quantity) FROM "HoldItem" i WHERE i."ticketTypeId" = t.id AND i.live AND i."seatId" IS NULL), 0) < 0`;
  if (over.length > 0) throw new AppError("SOLD_OUT", "Sold out.", { ticketTypeId: over[0]!.id });
}

/** Tickets the buyer (this cart, or every cart of the signed-in account) holds or bought for the event. */
async function guardBuyerLimit(tx: Tx, eventId: string, cart: TPersistHold["cart"], limit: number | null): Promise<void> {
  if (limit === null) return;
  // Serialises this buyer's concurrent holds; taken after the type locks (same order everywhere).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`buyer:${cart.userId ?? cart.id}`}, 0))`;
  const rows = await tx.$queryRaw<{ total: bigint | null }[]>`
    SELECT
      (SELECT COALESCE(SUM(i.quantity), 0) FROM "HoldItem" i JOIN "Hold" h ON h.id = i."holdId" JOIN "Cart" c ON c.id = h."cartId"
        WHERE i."eventId" = ${eventId}::uuid AND i.live AND (c.id = ${cart.id}::uuid OR c."userId" = ${cart.userId}::uuid))
    + (SELECT COALESCE(SUM(l.quantity), 0) FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
        WHERE o."eventId" = ${eventId}::uuid AND l.status = 'ACTIVE' AND o.status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED')
          AND (o."cartId" = ${cart.id}::uuid OR o."userId" = ${cart.userId}::uuid)) AS total`;
  if (Number(rows[0]?.total ?? 0) > limit) throw new AppError("LIMIT_EXCEEDED", `At most ${limit} tickets per buyer for this event.`, { limit });
}

const isLiveSeatConflict = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && /seat/i.test(JSON.stringify(error.meta ?? {}));

/**
 * Writes the Hold and its live HoldItems in one transaction, with PostgreSQL as the last guard:
 * the partial unique index on live seats, GA capacity under a row lock, and the per-buyer limit.
 */
export async function persistHold(db: Db, request: TPersistHold): Promise<void> {
  const { resolved, cart } = request;
  const eventId = resolved.event.id;
  try {
    await db.$transaction(
      async (tx) => {
        await tx.hold.create({ data: { id: request.holdId, eventId, cartId: cart.id, expiresAt: request.expiresAt } });
        await tx.holdItem.createMany({
          data: [
            ...[...resolved.ga].map(([ticketTypeId, quantity]) => ({ holdId: request.holdId, eventId, ticketTypeId, quantity })),
            ...resolved.seats.map((seat) => ({ holdId: request.holdId, eventId, ticketTypeId: seat.ticketTypeId, seatId: seat.seatId, quantity: 1 })),
          ],
        });
        await guardCapacity(tx, [...resolved.ga.keys()]);
        await guardBuyerLimit(tx, eventId, cart, resolved.event.maxPerBuyer);
      },
      { maxWait: 10_000, timeout: 10_000 },
    );
  } catch (error) {
    if (isLiveSeatConflict(error)) throw new AppError("SEAT_TAKEN", "That seat was just taken.");
    // Pool exhausted, transaction timeout, serialization failure or deadlock: safe to retry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && ["P2028", "P2034"].includes(error.code)) {
      throw new AppError("INVENTORY_BUSY", "Too busy to confirm this hold; please retry.");
    }
    throw error;
  }
}
