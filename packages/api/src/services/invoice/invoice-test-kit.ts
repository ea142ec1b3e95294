import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueSuffix } from "@marquee/db/testing";
import { afterAll, beforeAll } from "vitest";
import { systemClock } from "../../clock.ts";
import type { Harness } from "../../testing/harness.ts";
import { createLocalFileStore } from "../files/local-file-store.ts";
import type { TInvoiceDeps } from "./types.ts";

/** Invoice deps on the harness's database and a temporary file store, removed after the file. */
export function useInvoiceDeps(h: Harness): TInvoiceDeps & { filesDir: string } {
  const deps = {} as TInvoiceDeps & { filesDir: string };
  beforeAll(async () => {
    deps.filesDir = await mkdtemp(join(tmpdir(), "marquee-invoices-"));
    deps.db = h.db;
    deps.files = createLocalFileStore(deps.filesDir);
    deps.clock = systemClock;
  });
  afterAll(() => rm(deps.filesDir, { recursive: true, force: true }));
  return deps;
}

/** An organisation (with address and VAT id) selling one GA type at €25.00 incl. 19% VAT. */
export async function sellingOrganization(h: Harness) {
  const organization = await h.make.organization({
    legalName: "Kulturhaus GmbH",
    address: "Hauptstraße 1\n10115 Berlin",
    taxId: "DE123456789",
    supportEmail: "help@kulturhaus.test",
  });
  const venue = await h.make.venue(organization.id);
  const event = await h.make.event(organization.id, venue.id, { name: "Hamlet" });
  const ticketType = await h.make.ticketType(event.id, { name: "Stalls" });
  return { organization, event, ticketType };
}

type TSeller = Awaited<ReturnType<typeof sellingOrganization>>;
type TKitLine = { ticketTypeId: string; quantity: number; unitPriceMinor: number; discountMinor: number; taxRateBp: number };

/** A PAID order of the seller's event with these lines (totals summed from them). */
function paidOrderOf(h: Harness, seller: TSeller, lines: TKitLine[]) {
  const subtotalMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const discountMinor = lines.reduce((sum, line) => sum + line.discountMinor, 0);
  return h.db.order.create({
    data: {
      reference: `MQ-${uniqueSuffix()}`,
      organizationId: seller.organization.id,
      eventId: seller.event.id,
      status: "PAID",
      buyerName: "Ada Buyer",
      buyerEmail: `ada-${uniqueSuffix()}@example.test`,
      currency: "EUR",
      subtotalMinor,
      discountMinor,
      totalMinor: subtotalMinor - discountMinor,
      paidAt: new Date(),
      lines: {
        create: lines.map((line) => ({ ...line, eventId: seller.event.id, totalMinor: line.quantity * line.unitPriceMinor - line.discountMinor })),
      },
    },
    include: { lines: true },
  });
}

/** A PAID order of `quantity` tickets (optionally with a discount on the line). */
export function paidOrder(h: Harness, seller: TSeller, { quantity = 2, unitPriceMinor = 2500, discountMinor = 0, taxRateBp = 1900 } = {}) {
  return paidOrderOf(h, seller, [{ ticketTypeId: seller.ticketType.id, quantity, unitPriceMinor, discountMinor, taxRateBp }]);
}

/** A PAID order with two lines at two VAT rates: 3 × €33.33 at 19% and 1 × €10.01 at 7% (€110.00). */
export async function twoRateOrder(h: Harness, seller: TSeller) {
  const programme = await h.make.ticketType(seller.event.id, { name: "Programme" });
  return paidOrderOf(h, seller, [
    { ticketTypeId: seller.ticketType.id, quantity: 3, unitPriceMinor: 3333, discountMinor: 0, taxRateBp: 1900 },
    { ticketTypeId: programme.id, quantity: 1, unitPriceMinor: 1001, discountMinor: 0, taxRateBp: 700 },
  ]);
}

/** A captured payment and a refund of the order (credit notes need a real refund). */
export async function refundOf(h: Harness, order: { id: string; totalMinor: number }, amountMinor: number) {
  const payment = await h.db.payment.create({
    data: { orderId: order.id, status: "CAPTURED", amountMinor: order.totalMinor, capturedMinor: order.totalMinor, currency: "EUR" },
  });
  return h.db.refund.create({ data: { orderId: order.id, paymentId: payment.id, amountMinor, currency: "EUR" } });
}
