import type { Prisma } from "@marquee/db";
import { writeOutbox } from "../outbox/write-outbox.ts";

/**
 * Inside a sale's transaction, after its soldCount increments: when the sale left none of the
 * event's ticket types with a ticket to sell, writes outbox `event.sold-out`. Cheap for every other
 * sale (the sold types still have stock); only then is the event-wide lock taken and the other
 * types read, so of two sales taking the last tickets of two types, the later one (which sees the
 * other committed) announces it. Seated types (no capacity) are left out: they never count as sold out.
 */
export async function announceSoldOut(tx: Prisma.TransactionClient, eventId: string, soldTypeIds: readonly string[]): Promise<boolean> {
  if (soldTypeIds.length === 0) return false;
  const sold = await tx.ticketType.findMany({ where: { id: { in: [...soldTypeIds] } }, select: { capacity: true, soldCount: true } });
  if (sold.some((type) => type.capacity === null || type.soldCount < type.capacity)) return false;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee:event-sold-out'), hashtext(${eventId}::text))`;
  const [row] = await tx.$queryRaw<{ open: bigint; types: bigint }[]>`
    SELECT count(*) FILTER (WHERE capacity IS NULL OR "soldCount" < capacity) AS open, count(*) AS types
    FROM "TicketType" WHERE "eventId" = ${eventId}::uuid AND active`;
  if (!row || row.types === 0n || row.open > 0n) return false;
  await writeOutbox(tx, { topic: "event.sold-out", aggregateType: "event", aggregateId: eventId, payload: { eventId } });
  return true;
}
