import type { InvoiceModel as Invoice } from "@marquee/db";
import { allocateInvoiceNumber } from "./allocate-invoice-number.ts";
import { buildInvoiceSnapshot, loadInvoiceOrder } from "./build-invoice-snapshot.ts";
import { ISSUE_TRANSACTION, lockOrderForInvoicing } from "./invoice-lock.ts";
import { completeInvoicePdf } from "./invoice-pdf.ts";
import type { TInvoiceDeps, TTx } from "./types.ts";

/**
 * The order's invoice, inserted with the organisation's next number if there is none yet. Call with
 * the order locked for invoicing (`lockOrderForInvoicing`) in the same transaction.
 */
export async function insertInvoiceIfMissing(tx: TTx, orderId: string, issuedAt: Date): Promise<Invoice> {
  const existing = await tx.invoice.findFirst({ where: { orderId, kind: "INVOICE" }, orderBy: { number: "asc" } });
  if (existing) return existing;

  const order = await loadInvoiceOrder(tx, orderId);
  // The number is taken last: the sequence row stays locked until commit, so keep that span short.
  const { number, displayNumber } = await allocateInvoiceNumber(tx, order.organizationId);
  const snapshot = buildInvoiceSnapshot(order, { kind: "invoice", number: displayNumber, issuedAt });
  return tx.invoice.create({
    data: {
      organizationId: order.organizationId,
      orderId: order.id,
      kind: "INVOICE",
      number,
      displayNumber,
      currency: order.currency,
      netMinor: snapshot.totals.netMinor,
      taxMinor: snapshot.totals.taxMinor,
      totalMinor: snapshot.totals.grossMinor,
      snapshot: snapshot as object,
      issuedAt,
    },
  });
}

/**
 * Issues the invoice of a paid order: one per order, however many workers call at once (a second
 * call returns the first invoice). In one transaction: lock the order for invoicing, return the
 * existing invoice if any, else snapshot the order, take the next number of the organisation and
 * insert. Then, outside the transaction, render the PDF from the snapshot and store it. A crash
 * after the commit leaves pdfPath null; the next call (the job's retry) completes it.
 * `kind` is only "INVOICE": credit notes need refund lines (`issueCreditNote`).
 */
export async function issueInvoice(deps: TInvoiceDeps, input: { orderId: string; kind?: "INVOICE" }): Promise<Invoice> {
  const issuedAt = deps.clock.now();
  const invoice = await deps.db.$transaction(async (tx) => {
    await lockOrderForInvoicing(tx, input.orderId);
    return insertInvoiceIfMissing(tx, input.orderId, issuedAt);
  }, ISSUE_TRANSACTION);
  return completeInvoicePdf(deps, invoice);
}
