// Invoices and credit notes of a console spec's organisation, issued through the API's own services
// at chosen dates. Their PDFs go to a temporary store, not the stack's: the console's archive finds
// no file and renders each one from its snapshot, as it does for a lost file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "@marquee/api/clock";
import { createLocalFileStore } from "@marquee/api/services/files/local-file-store";
import { issueCreditNote } from "@marquee/api/services/invoice/issue-credit-note";
import { issueInvoice } from "@marquee/api/services/invoice/issue-invoice";
import { createDb, type Db } from "@marquee/db";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeInvoiceData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** A paid order of two tickets of the event's first type and its invoice, issued at `at`; with `refundOne`, a credit note for one ticket a minute later. */
export async function invoicedOrder(eventId: string, at: Date, { refundOne = false } = {}) {
  const filesDir = await mkdtemp(join(tmpdir(), "marquee-e2e-invoices-"));
  try {
    const event = await database().event.findUniqueOrThrow({ where: { id: eventId }, include: { ticketTypes: { take: 1 } } });
    const order = await database().order.create({
      data: {
        reference: `MQ-E${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
        organizationId: event.organizationId,
        eventId,
        status: "PAID",
        buyerName: "Ada Archive",
        buyerEmail: `archive-${crypto.randomUUID().slice(0, 8)}@example.test`,
        currency: "EUR",
        subtotalMinor: 5000,
        totalMinor: 5000,
        paidAt: at,
        lines: { create: [{ eventId, ticketTypeId: event.ticketTypes[0]!.id, quantity: 2, unitPriceMinor: 2500, taxRateBp: 1900, totalMinor: 5000 }] },
      },
      include: { lines: true },
    });
    const clock = fixedClock(at);
    const deps = { db: database(), files: createLocalFileStore(filesDir), clock };
    const invoice = await issueInvoice(deps, { orderId: order.id });
    if (!refundOne) return [invoice];
    clock.advance(60_000);
    const payment = await database().payment.create({
      data: { orderId: order.id, status: "CAPTURED", amountMinor: 5000, capturedMinor: 5000, currency: "EUR" },
    });
    const refund = await database().refund.create({ data: { orderId: order.id, paymentId: payment.id, amountMinor: 2500, currency: "EUR" } });
    const note = await issueCreditNote(deps, { orderId: order.id, refundId: refund.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }] });
    return [invoice, note];
  } finally {
    await rm(filesDir, { recursive: true, force: true });
  }
}
