import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { useHarness } from "../../testing/harness.ts";
import type { FileStore } from "../files/file-store.ts";
import { allocateInvoiceNumber } from "./allocate-invoice-number.ts";
import { paidOrder, sellingOrganization, useInvoiceDeps } from "./invoice-test-kit.ts";
import { issueInvoice } from "./issue-invoice.ts";
import type { TInvoiceSnapshot } from "./types.ts";

const h = useHarness();
const deps = useInvoiceDeps(h);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("issueInvoice: numbering", () => {
  it("gives 50 concurrent invoices of one organisation the numbers 1..50, no gaps, no duplicates", async () => {
    const seller = await sellingOrganization(h);
    const orders = await Promise.all(range(1, 50).map(() => paidOrder(h, seller)));
    const invoices = await Promise.all(orders.map((order) => issueInvoice(deps, { orderId: order.id })));
    expect(invoices.map((invoice) => invoice.number).sort((a, b) => a - b)).toEqual(range(1, 50));
    expect(new Set(invoices.map((invoice) => invoice.displayNumber)).size).toBe(50);
    expect(invoices.find((invoice) => invoice.number === 7)?.displayNumber).toBe("INV-000007");
    const sequence = await h.db.invoiceSequence.findUniqueOrThrow({ where: { organizationId: seller.organization.id } });
    expect(sequence.nextNumber).toBe(51);
  });

  it("issues one invoice for 20 concurrent calls on the same order", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller);
    const invoices = await Promise.all(range(1, 20).map(() => issueInvoice(deps, { orderId: order.id })));
    expect(new Set(invoices.map((invoice) => invoice.id)).size).toBe(1);
    expect(await h.db.invoice.count({ where: { orderId: order.id } })).toBe(1);
    expect(invoices[0]).toMatchObject({ number: 1, kind: "INVOICE" });
    expect(invoices.every((invoice) => invoice.pdfPath !== null)).toBe(true);
    // Later calls return the same invoice too.
    expect((await issueInvoice(deps, { orderId: order.id })).id).toBe(invoices[0]!.id);
  });

  it("gets back the number of a transaction that rolled back (no gap)", async () => {
    const seller = await sellingOrganization(h);
    const first = await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id });
    expect(first.number).toBe(1);
    const rolledBack = new Error("invoice insert failed");
    let allocated = 0;
    await expect(
      h.db.$transaction(async (tx) => {
        allocated = (await allocateInvoiceNumber(tx, seller.organization.id)).number;
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(allocated).toBe(2);
    expect((await issueInvoice(deps, { orderId: (await paidOrder(h, seller)).id })).number).toBe(2);
  });

  it("keeps independent sequences per organisation, and creates a missing sequence row under concurrency", async () => {
    const [a, b] = [await sellingOrganization(h), await sellingOrganization(h)];
    await h.db.invoiceSequence.delete({ where: { organizationId: b.organization.id } });
    const ordersA = await Promise.all(range(1, 5).map(() => paidOrder(h, a)));
    const ordersB = await Promise.all(range(1, 10).map(() => paidOrder(h, b)));
    const [invoicesA, invoicesB] = await Promise.all([
      Promise.all(ordersA.map((order) => issueInvoice(deps, { orderId: order.id }))),
      Promise.all(ordersB.map((order) => issueInvoice(deps, { orderId: order.id }))),
    ]);
    expect(invoicesA.map((invoice) => invoice.number).sort((x, y) => x - y)).toEqual(range(1, 5));
    expect(invoicesB.map((invoice) => invoice.number).sort((x, y) => x - y)).toEqual(range(1, 10));
  });
});

describe("issueInvoice: content and recovery", () => {
  it("snapshots seller, buyer, lines and the totals the PDF prints", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller, { quantity: 2, unitPriceMinor: 2500, discountMinor: 500 });
    const invoice = await issueInvoice(deps, { orderId: order.id });
    const snapshot = invoice.snapshot as unknown as TInvoiceSnapshot;
    expect(snapshot.seller).toMatchObject({
      name: "Kulturhaus GmbH",
      vatId: "DE123456789",
      email: "help@kulturhaus.test",
      address: { line1: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "Germany" },
    });
    expect(snapshot.buyer).toEqual({ name: "Ada Buyer", email: order.buyerEmail });
    expect(snapshot.lines).toEqual([
      expect.objectContaining({ role: "ticket", quantity: 2, unitPriceMinor: 2500, taxRatePercent: 19, orderLineId: order.lines[0]!.id }),
      expect.objectContaining({ role: "discount", quantity: 1, unitPriceMinor: -500, taxRatePercent: 19 }),
    ]);
    // Gross 4500 at 19%: tax = 4500 x 19 / 119 = 718.49 -> 718.
    expect(invoice).toMatchObject({ currency: "EUR", totalMinor: 4500, taxMinor: 718, netMinor: 3782, displayNumber: "INV-000001" });
    expect(snapshot.totals).toMatchObject({ grossMinor: 4500, taxMinor: 718, netMinor: 3782 });
    expect(snapshot.paymentReference).toBe(order.reference);
  });

  it("names the seat of a reserved-seating line", async () => {
    const seller = await sellingOrganization(h);
    const venue = await h.db.event.findUniqueOrThrow({ where: { id: seller.event.id }, select: { venueId: true } });
    const { seatMap } = await h.make.seatMap(seller.organization.id, venue.venueId, { rows: 1, seatsPerRow: 2 });
    const seat = await h.db.seat.findFirstOrThrow({ where: { seatMapId: seatMap.id, label: "2" } });
    const order = await paidOrder(h, seller, { quantity: 1 });
    await h.db.orderLine.update({ where: { id: order.lines[0]!.id }, data: { seatId: seat.id } });
    const snapshot = (await issueInvoice(deps, { orderId: order.id })).snapshot as unknown as TInvoiceSnapshot;
    expect(snapshot.lines[0]!.description).toBe("Stalls – Hamlet (Stalls, A 2)");
  });

  it("refuses an order that is not paid", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller);
    await h.db.order.update({ where: { id: order.id }, data: { status: "PENDING" } });
    await expect(issueInvoice(deps, { orderId: order.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(issueInvoice(deps, { orderId: "00000000-0000-7000-8000-000000000000" })).rejects.toBeInstanceOf(AppError);
    expect(await h.db.invoice.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("completes the PDF on a re-run after a crash between the insert and the file", async () => {
    const seller = await sellingOrganization(h);
    const order = await paidOrder(h, seller);
    const broken: FileStore = { ...deps.files, put: () => Promise.reject(new Error("disk gone")) };
    await expect(issueInvoice({ ...deps, files: broken }, { orderId: order.id })).rejects.toThrow("disk gone");
    const stranded = await h.db.invoice.findFirstOrThrow({ where: { orderId: order.id } });
    expect(stranded.pdfPath).toBeNull();

    const completed = await issueInvoice(deps, { orderId: order.id });
    expect(completed).toMatchObject({ id: stranded.id, number: stranded.number });
    expect(completed.pdfPath).toBe(`invoices/${seller.organization.id}/${stranded.id}.pdf`);
    expect((await h.db.invoice.findUniqueOrThrow({ where: { id: stranded.id } })).pdfPath).toBe(completed.pdfPath);
    expect(await deps.files.exists(completed.pdfPath!)).toBe(true);
  });
});
