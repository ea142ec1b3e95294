import type { Db, Prisma } from "@marquee/db";

type Reader = Db | Prisma.TransactionClient;

/**
 * Tickets of a type sold per minute in [from, to): order lines of paid orders by the order's
 * paidAt (lines refunded later still count: they were sold at that minute). Only minutes with sales.
 * Driven from the event's orders (Order by eventId), as OrderLine has no index on the type.
 */
export async function salesPerMinute(
  db: Reader,
  type: { id: string; eventId: string },
  from: Date,
  to: Date,
): Promise<{ minute: Date; sold: number; revenueMinor: number }[]> {
  const rows = await db.$queryRaw<{ minute: Date; sold: bigint; revenue: bigint }[]>`
    SELECT date_trunc('minute', o."paidAt") AS minute, SUM(l.quantity) AS sold, SUM(l."totalMinor") AS revenue
    FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
    WHERE o."eventId" = ${type.eventId}::uuid AND o."paidAt" >= ${from} AND o."paidAt" < ${to} AND l."ticketTypeId" = ${type.id}::uuid
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({ minute: row.minute, sold: Number(row.sold), revenueMinor: Number(row.revenue) }));
}

/** Tickets of a type paid for in [from, to). */
export async function soldBetween(db: Reader, type: { id: string; eventId: string }, from: Date, to: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ sold: bigint | null }[]>`
    SELECT SUM(l.quantity) AS sold FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
    WHERE o."eventId" = ${type.eventId}::uuid AND o."paidAt" >= ${from} AND o."paidAt" < ${to} AND l."ticketTypeId" = ${type.id}::uuid`;
  return Number(row?.sold ?? 0);
}
