import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import { convertHoldInRedis } from "../booking/convert-hold.ts";
import { holdPrices, placeHold } from "../booking/create-hold.ts";
import { endHold } from "../booking/end-hold.ts";
import type { TCreateHoldInput } from "../booking/hold-schemas.ts";
import { loadHoldEvent, resolveHoldRequest, type TResolvedHold } from "../booking/resolve-hold-request.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { newOrderReference } from "../checkout/checkout.ts";
import { finalizeInTransaction } from "../checkout/finalize-sale.ts";
import { priceHold } from "../checkout/price-hold.ts";
import type { TCurrentPrice } from "../pricing/current-prices.ts";
import { suggestBestSeats } from "../event/suggest-best-seats.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { BOX_OFFICE_PROVIDER, type TBoxOfficeSaleOutput, type TBoxOfficeSellInput } from "./box-office-schemas.ts";

type Tx = Prisma.TransactionClient;

/** The buyer's name on tickets and invoice when the box office did not ask for one. */
export const BOX_OFFICE_BUYER_NAME = "Box office";

const itemsOf = (resolved: TResolvedHold) => [
  ...[...resolved.ga].map(([ticketTypeId, quantity]) => ({ ticketTypeId, seatId: null, quantity })),
  ...resolved.seats.map((seat) => ({ ticketTypeId: seat.ticketTypeId, seatId: seat.seatId, quantity: 1 })),
];

/** The sale's lines as hold items: best-seat lines become the seats the shop's event.bestSeats would suggest. */
async function holdItems(deps: TBookingDeps, input: TBoxOfficeSellInput): Promise<TCreateHoldInput["items"]> {
  const items: TCreateHoldInput["items"] = [];
  for (const line of input.lines) {
    if (!("priceZoneId" in line)) {
      items.push(line);
      continue;
    }
    const best = await suggestBestSeats(deps, { eventId: input.eventId, priceZoneId: line.priceZoneId, count: line.quantity });
    if (best.seatIds.length < line.quantity) throw new AppError("SOLD_OUT", "Not enough free seats in this price zone.", { priceZoneId: line.priceZoneId });
    items.push(...best.seatIds.map((seatId) => ({ seatId })));
  }
  return items;
}

/** Cash must cover the total before anything is held; card payments take no cash. */
function checkTender(input: TBoxOfficeSellInput, totalMinor: number): void {
  if (input.paymentMethod === "CARD" && input.cashTenderedMinor !== undefined)
    throw new AppError("VALIDATION_ERROR", "Cash tendered is for cash sales only.", { reason: "CASH_TENDERED_FOR_CARD" });
  if (input.paymentMethod === "CASH" && input.terminalReference !== undefined)
    throw new AppError("VALIDATION_ERROR", "A terminal reference is for card sales only.", { reason: "TERMINAL_REFERENCE_FOR_CASH" });
  if (input.cashTenderedMinor !== undefined && input.cashTenderedMinor < totalMinor)
    throw new AppError("VALIDATION_ERROR", "The cash tendered does not cover the total.", { reason: "CASH_TENDERED_TOO_LOW", totalMinor });
}

/** What the sale will cost at the current prices (demand-priced or tier), which the hold then locks; read-only. */
function quote(resolved: TResolvedHold, prices: readonly TCurrentPrice[]): number {
  return itemsOf(resolved).reduce((sum, item) => {
    const price = prices.find((p) => p.ticketTypeId === item.ticketTypeId);
    if (!price) throw new AppError("CONFLICT", "No price is on sale for this ticket type right now.", { ticketTypeId: item.ticketTypeId });
    return sum + price.unitPriceMinor * item.quantity;
  }, 0);
}

interface TSaleRecord {
  organizationId: string;
  actor: TAuditActor;
  input: TBoxOfficeSellInput;
  cartId: string;
  holdId: string;
  resolved: TResolvedHold;
}

/** The order, PAID at once: priced lines made final from the hold, the payment, `order.paid` and the audit entry. */
async function recordSale(deps: TBookingDeps, tx: Tx, sale: TSaleRecord) {
  const { input, resolved } = sale;
  const now = deps.clock.now();
  const event = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { currency: true, defaultLanguage: true } });
  const priced = await priceHold(tx, {
    organizationId: sale.organizationId,
    eventId: input.eventId,
    currency: event.currency,
    items: itemsOf(resolved),
    holdId: sale.holdId,
    now,
  });
  if (priced.totalMinor <= 0) throw new AppError("CONFLICT", "Free orders are not supported yet.");
  checkTender(input, priced.totalMinor);
  const provider = BOX_OFFICE_PROVIDER[input.paymentMethod];
  const order = await tx.order.create({
    data: {
      reference: newOrderReference(),
      organizationId: sale.organizationId,
      eventId: input.eventId,
      cartId: sale.cartId,
      holdId: sale.holdId,
      channel: "BOX_OFFICE",
      status: "PAID",
      paidAt: now,
      buyerName: input.buyer?.name ?? BOX_OFFICE_BUYER_NAME,
      // Empty: no e-mail address was given, so nothing is mailed (see README.md).
      buyerEmail: input.buyer?.email ?? "",
      locale: input.locale ?? (event.defaultLanguage === "de" ? "de" : "en"),
      currency: priced.currency,
      subtotalMinor: priced.subtotalMinor,
      discountMinor: priced.discountMinor,
      taxMinor: priced.taxMinor,
      totalMinor: priced.totalMinor,
      lines: { create: priced.lines.map((line) => ({ eventId: input.eventId, ...line, status: "PENDING" as const })) },
      payments: { create: { provider, status: "CAPTURED", amountMinor: priced.totalMinor, capturedMinor: priced.totalMinor, currency: priced.currency } },
    },
  });
  // The hold is live, so this converts it: its items stop being live as soldCount grows by the same quantities.
  await finalizeInTransaction(tx, now, order.id);
  await writeOutbox(tx, { topic: "order.paid", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } });
  await recordAudit(tx, {
    organizationId: sale.organizationId,
    actor: sale.actor,
    action: "boxoffice.sell",
    targetType: "order",
    targetId: order.id,
    data: {
      reference: order.reference,
      totalMinor: order.totalMinor,
      paymentMethod: input.paymentMethod,
      terminalReference: input.terminalReference ?? null,
      quantity: priced.lines.reduce((sum, line) => sum + line.quantity, 0),
    },
  });
  return { order, quantity: priced.lines.reduce((sum, line) => sum + line.quantity, 0) };
}

/**
 * A sale at the door, paid in cash or at an external card terminal. It takes the shop's inventory
 * path (Redis hold, then PostgreSQL's capacity and seat guards; per-order limits), minus the sales
 * windows (door sales go on after online sales close) and the waiting room, under a cart of its
 * own that nobody holds a token for. One transaction then prices the hold at the price it locked (the current price),
 * writes the order PAID (channel BOX_OFFICE) with a captured cash or card-terminal payment (no
 * Stripe call), makes the hold the sale, and writes `order.paid` and the audit entry; the payment
 * worker issues the tickets, the invoice and (with an address) the e-mail from `order.paid`.
 * If the transaction fails, the hold is released at once (the sweeper would end it anyway).
 */
export async function sellAtBoxOffice(
  deps: TBookingDeps,
  sale: { organizationId: string; actor: TAuditActor; input: TBoxOfficeSellInput },
): Promise<TBoxOfficeSaleOutput> {
  const { input } = sale;
  const owned = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId: sale.organizationId }, select: { id: true } });
  if (!owned) throw new AppError("NOT_FOUND", "Event not found.");
  const now = deps.clock.now();
  const event = await loadHoldEvent(deps.db, input.eventId, now, { doorSale: true });
  const resolved = await resolveHoldRequest(deps.db, event, { eventId: input.eventId, items: await holdItems(deps, input) }, now, { doorSale: true });
  const prices = await holdPrices(deps, resolved, now);
  checkTender(input, quote(resolved, prices));

  const expiresAt = new Date(now.getTime() + event.holdTtlSeconds * 1000);
  const cart = await deps.db.cart.create({ data: { tokenHash: randomBytes(32).toString("hex"), eventId: event.id, expiresAt } });
  const holdId = randomUUID();
  await placeHold(deps, { holdId, cart: { id: cart.id, userId: null }, resolved, expiresAt, prices });
  let recorded: Awaited<ReturnType<typeof recordSale>>;
  try {
    recorded = await deps.db.$transaction((tx) => recordSale(deps, tx, { ...sale, cartId: cart.id, holdId, resolved }));
  } catch (error) {
    await endHold(deps, holdId, "RELEASED");
    throw error;
  }
  await convertHoldInRedis(deps, event.id, holdId);
  const { order, quantity } = recorded;
  const tendered = input.cashTenderedMinor ?? null;
  return {
    orderId: order.id,
    reference: order.reference,
    currency: order.currency,
    totalMinor: order.totalMinor,
    paymentMethod: input.paymentMethod,
    cashTenderedMinor: tendered,
    changeDueMinor: tendered === null ? null : tendered - order.totalMinor,
    quantity,
  };
}
