import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { getInvoicePdf } from "./invoice-pdf.ts";
import { paidOrder, refundOf, sellingOrganization, twoRateOrder, useInvoiceDeps } from "./invoice-test-kit.ts";
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

  it("credits a goodwill amount over the invoice's VAT rates to the cent, once per refund, never more than invoiced", async () => {
    const seller = await sellingOrganization(h);
    const order = await twoRateOrder(h, seller);
    const invoice = await issueInvoice(deps, { orderId: order.id });
    const goodwill = await refundOf(h, order, 1001);
    const input = { orderId: order.id, refundId: goodwill.id, lines: [], amountMinor: 1001 };

    const notes = await Promise.all(Array.from({ length: 3 }, () => issueCreditNote(deps, input)));
    expect(new Set(notes.map((note) => note.id)).size).toBe(1);
    // 1,001 over 9,999 (19%) and 1,001 (7%): 909.9 and 91.1, the leftover cent to the larger remainder.
    expect(snapshotOf(notes[0]!).lines).toEqual([
      { role: "goodwill", description: "Goodwill credit", quantity: 1, unitPriceMinor: 910, taxRatePercent: 19 },
      { role: "goodwill", description: "Goodwill credit", quantity: 1, unitPriceMinor: 91, taxRatePercent: 7 },
    ]);
    expect(notes[0]).toMatchObject({ totalMinor: -1001, taxMinor: -(145 + 6), netMinor: -(1001 - 151) });
    await expect(issueCreditNote(deps, { ...input, amountMinor: 1002 })).rejects.toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });

    // What is left is 9,999: a bigger goodwill credit is refused; the tickets' credit takes the goodwill off.
    const tooMuch = await refundOf(h, order, 10_000);
    await expect(issueCreditNote(deps, { orderId: order.id, refundId: tooMuch.id, lines: [], amountMinor: 10_000 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const rest = await refundOf(h, order, 9999);
    const lines = order.lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity }));
    const last = await issueCreditNote(deps, { orderId: order.id, refundId: rest.id, lines });
    expect(last.totalMinor).toBe(-9999);
    expect(notes[0]!.totalMinor + last.totalMinor).toBe(-invoice.totalMinor);
    // Per rate, too: the gross of each VAT rate is credited exactly (each document rounds its own VAT).
    const grossByRate = (note: { snapshot: unknown }) => snapshotOf(note).totals.taxGroups.map((group) => [group.taxRatePercent, group.grossMinor]);
    expect(grossByRate(last)).toEqual([
      [19, -(9999 - 910)],
      [7, -(1001 - 91)],
    ]);
    expect(grossByRate(invoice)).toEqual([
      [19, 9999],
      [7, 1001],
    ]);
    expect((await getInvoicePdf(deps, { invoiceId: last.id })).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});
