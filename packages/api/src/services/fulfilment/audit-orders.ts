import type { Db } from "@marquee/db";

export interface TAuditScope {
  /** Only this event's orders (and its organisation's invoice sequence). */
  eventId?: string;
  /** Only this organisation's orders and invoice sequence. */
  organizationId?: string;
  /** Orders that changed more recently than this may be mid-saga and are not judged (default 60 s). */
  graceMs?: number;
  /** Only orders changed (and organisations invoicing) within this long; default: all. The reconciler's periodic run looks at two days. */
  sinceMs?: number;
  now?: Date;
}

export interface TOrderAudit {
  /** Money taken, tickets missing: a captured payment whose order does not hold one ticket per admission. */
  capturedWithoutTickets: string[];
  /** Tickets without money: valid tickets on an order that is not paid or has no captured payment. */
  ticketsWithoutPayment: string[];
  /** PAID (or partly refunded) orders without a captured payment. */
  paidWithoutCapture: string[];
  /** Paid orders without their invoice. */
  paidWithoutInvoice: string[];
  /** Per organisation: invoice numbers missing from 1..last, or a sequence that disagrees with them. */
  invoiceGaps: { organizationId: string; issued: number; highest: number; nextNumber: number }[];
  /** Whether every list is empty. */
  ok: boolean;
}

/**
 * The invariants the order saga promises, checked in PostgreSQL: never money without tickets,
 * never tickets without money, every paid order invoiced, invoice numbers gap-free per
 * organisation. The reconciler runs it after repairing; tests run it after crashes. Orders that
 * changed within `graceMs` may be mid-saga and are left out.
 */
export async function auditOrders(db: Db, scope: TAuditScope = {}): Promise<TOrderAudit> {
  const now = (scope.now ?? new Date()).getTime();
  const before = new Date(now - (scope.graceMs ?? 60_000));
  const since = scope.sinceMs === undefined ? null : new Date(now - scope.sinceMs);
  const eventId = scope.eventId ?? null;
  const organizationId = scope.organizationId ?? null;
  const inScope = (alias: string) =>
    `(${alias}."updatedAt" < $1 AND ($4::timestamp IS NULL OR ${alias}."updatedAt" >= $4::timestamp) AND ($2::uuid IS NULL OR ${alias}."eventId" = $2::uuid) AND ($3::uuid IS NULL OR ${alias}."organizationId" = $3::uuid))`;
  const ids = async (sql: string) => (await db.$queryRawUnsafe<{ id: string }[]>(sql, before, eventId, organizationId, since)).map((row) => row.id);

  const [capturedWithoutTickets, ticketsWithoutPayment, paidWithoutCapture, paidWithoutInvoice] = await Promise.all([
    // Each admission of a sold line has one ticket (refunded ones stay, REVOKED).
    ids(`
      SELECT o.id FROM "Order" o
      WHERE ${inScope("o")}
        AND EXISTS (SELECT 1 FROM "Payment" p WHERE p."orderId" = o.id AND p.status = 'CAPTURED')
        AND o.status <> 'CANCELLED'
        AND (SELECT COALESCE(SUM(l.quantity), 0) FROM "OrderLine" l WHERE l."orderId" = o.id AND l.status IN ('ACTIVE', 'REFUNDED'))
            <> (SELECT COUNT(*) FROM "Ticket" t WHERE t."orderId" = o.id)`),
    ids(`
      SELECT DISTINCT o.id FROM "Order" o JOIN "Ticket" t ON t."orderId" = o.id AND t.status = 'VALID'
      WHERE ${inScope("o")}
        AND (o.status NOT IN ('PAID', 'PARTIALLY_REFUNDED')
             OR NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."orderId" = o.id AND p.status = 'CAPTURED'))`),
    ids(`
      SELECT o.id FROM "Order" o
      WHERE ${inScope("o")} AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED') AND o."totalMinor" > 0
        AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."orderId" = o.id AND p.status = 'CAPTURED')`),
    ids(`
      SELECT o.id FROM "Order" o
      WHERE ${inScope("o")} AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')
        AND NOT EXISTS (SELECT 1 FROM "Invoice" i WHERE i."orderId" = o.id AND i.kind = 'INVOICE')`),
  ]);

  // Gap-free: the organisation's invoices and credit notes are exactly 1..nextNumber-1.
  const invoiceGaps = await db.$queryRaw<{ organizationId: string; issued: number; highest: number; nextNumber: number }[]>`
    SELECT s."organizationId", COUNT(i.id)::int AS issued, COALESCE(MAX(i.number), 0)::int AS highest, s."nextNumber"
    FROM "InvoiceSequence" s LEFT JOIN "Invoice" i ON i."organizationId" = s."organizationId"
    WHERE (${organizationId}::uuid IS NULL OR s."organizationId" = ${organizationId}::uuid)
      AND (${eventId}::uuid IS NULL OR s."organizationId" = (SELECT e."organizationId" FROM "Event" e WHERE e.id = ${eventId}::uuid))
      AND (${since}::timestamp IS NULL OR EXISTS (SELECT 1 FROM "Invoice" r WHERE r."organizationId" = s."organizationId" AND r."issuedAt" >= ${since}::timestamp))
    GROUP BY s."organizationId", s."nextNumber"
    HAVING COUNT(i.id) <> COALESCE(MAX(i.number), 0) OR COALESCE(MAX(i.number), 0) <> s."nextNumber" - 1`;

  const audit = { capturedWithoutTickets, ticketsWithoutPayment, paidWithoutCapture, paidWithoutInvoice, invoiceGaps };
  return { ...audit, ok: Object.values(audit).every((list) => list.length === 0) };
}
