import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { getInvoicePdf } from "./invoice-pdf.ts";
import { paidOrder, refundOf, sellingOrganization, useInvoiceDeps } from "./invoice-test-kit.ts";
import { issueCreditNote } from "./issue-credit-note.ts";
import { issueInvoice } from "./issue-invoice.ts";
import type { TInvoiceSnapshot } from "./types.ts";

const h = useHarness();
const deps = useInvoiceDeps(h);
const snapshotOf = (invoice: { snapshot: unknown }) => invoice.snapshot as TInvoiceSnapshot;

describe("issueCreditNote", () => {
  it("continues the organisation's sequence, negates the refunded lines and is issued once per refund", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller, { quantity: 2, unitPriceMinor: 2500 });
    const invoice = await issueInvoice(deps, { orderId: order.id });
    await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id }); // number 2
    const refund = await refundOf(h, order, 2500);
    const input = { orderId: order.id, refundId: refund.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }] };

    const notes = await Promise.all(Array.from({ length: 5 }, () => issueCreditNote(deps, input)));
    expect(new Set(notes.map((note) => note.id)).size).toBe(1);
    const note = notes[0]!;
    expect(note).toMatchObject({ kind: "CREDIT_NOTE", number: 3, displayNumber: "INV-000003", totalMinor: -2500, taxMinor: -399, netMinor: -2101 });
    expect(snapshotOf(note)).toMatchObject({ kind: "credit-note", originalInvoiceNumber: invoice.displayNumber, refundId: refund.id });
    expect(await h.db.invoice.count({ where: { orderId: order.id, kind: "CREDIT_NOTE" } })).toBe(1);
    await expect(issueCreditNote(deps, { ...input, lines: [{ orderLineId: order.lines[0]!.id, quantity: 2 }] })).rejects.toMatchObject({
      code: "IDEMPOTENCY_MISMATCH",
    });
    expect((await getInvoicePdf(deps, { invoiceId: note.id })).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // The next invoice of the organisation takes the number after the credit note.
    expect((await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id })).number).toBe(4);
  });

  it("mirrors the invoice to the cent over partial refunds, discount shares included, and refuses over-crediting", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller, { quantity: 3, unitPriceMinor: 3333, discountMinor: 100, taxRateBp: 700 });
    const invoice = await issueInvoice(deps, { orderId: order.id });
    const orderLineId = order.lines[0]!.id;
    const first = await issueCreditNote(deps, { orderId: order.id, refundId: (await refundOf(h, order, 3300)).id, lines: [{ orderLineId, quantity: 1 }] });
    const second = await issueCreditNote(deps, { orderId: order.id, refundId: (await refundOf(h, order, 6599)).id, lines: [{ orderLineId, quantity: 2 }] });
    expect(first.totalMinor + second.totalMinor).toBe(-invoice.totalMinor);
    expect(first.number + 1).toBe(second.number);

    const third = await refundOf(h, order, 100);
    await expect(issueCreditNote(deps, { orderId: order.id, refundId: third.id, lines: [{ orderLineId, quantity: 1 }] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(issueCreditNote(deps, { orderId: order.id, refundId: third.id, lines: [] })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });

  it("issues the missing invoice first, and refuses a refund of another order", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller);
    const other = await paidOrder(h, seller);
    const refund = await refundOf(h, order, 2500);
    const lines = [{ orderLineId: order.lines[0]!.id, quantity: 1 }];
    await expect(issueCreditNote(deps, { orderId: other.id, refundId: refund.id, lines })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const note = await issueCreditNote(deps, { orderId: order.id, refundId: refund.id, lines });
    const invoice = await h.db.invoice.findFirstOrThrow({ where: { orderId: order.id, kind: "INVOICE" } });
    expect([invoice.number, note.number]).toEqual([1, 2]);
    expect(invoice.pdfPath).not.toBeNull();
    expect(snapshotOf(note).originalInvoiceNumber).toBe(invoice.displayNumber);
  });
});
