import type { Prisma } from "@marquee/db";
import { writeOutbox } from "../outbox/write-outbox.ts";
import type { TPriceVersionReason } from "./pricing-schemas.ts";

type Tx = Prisma.TransactionClient;

/**
 * Serialises everything that writes a type's prices (settings saves, recomputes): a transaction
 * advisory lock per type, so two workers cannot both step the same price.
 */
export async function lockPricing(tx: Tx, ticketTypeId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee:pricing'), hashtext(${ticketTypeId}::text))`;
}

export async function lastPriceVersion(tx: Tx, ticketTypeId: string) {
  return tx.priceVersion.findFirst({ where: { ticketTypeId }, orderBy: { version: "desc" } });
}

/** Appends the next version and, in the same transaction, the outbox event that tells open event pages. */
export async function appendPriceVersion(
  tx: Tx,
  version: {
    ticketTypeId: string;
    eventId: string;
    previous: number;
    priceMinor: number;
    currency: string;
    reason: TPriceVersionReason;
    inputs: Prisma.InputJsonValue;
  },
) {
  const created = await tx.priceVersion.create({
    data: {
      ticketTypeId: version.ticketTypeId,
      eventId: version.eventId,
      version: version.previous + 1,
      priceMinor: version.priceMinor,
      currency: version.currency,
      reason: version.reason,
      inputs: version.inputs,
    },
  });
  await writeOutbox(tx, {
    topic: "pricing.price-changed",
    aggregateType: "ticket-type",
    aggregateId: version.ticketTypeId,
    payload: {
      eventId: version.eventId,
      ticketTypeId: version.ticketTypeId,
      priceMinor: created.priceMinor,
      currency: created.currency,
      version: created.version,
    },
  });
  return created;
}
