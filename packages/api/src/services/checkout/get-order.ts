import type { Db } from "@marquee/db";
import { toLocale, type TLocale } from "@marquee/documents/locale";
import { AppError } from "../../errors.ts";
import { type TResolvedCart, cartMayReadOrder } from "../cart/resolve-cart.ts";
import type { Clock } from "../../clock.ts";
import { orderDocumentLinks } from "../documents/document-links.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";
import { maskEmail } from "../ticket-self-service/mask-email.ts";
import type { TOrderOutput } from "./checkout-schemas.ts";

export const ORDER_INCLUDE = {
  lines: { orderBy: { id: "asc" } },
  payments: { orderBy: { createdAt: "desc" }, take: 1 },
  hold: { select: { expiresAt: true } },
} as const;

type TOrderRow = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

const loadOrder = (db: Db, orderId: string) => db.order.findUnique({ where: { id: orderId }, include: ORDER_INCLUDE });

type TLineFields = "ticketTypeId" | "seatId" | "quantity" | "unitPriceMinor" | "discountMinor" | "taxRateBp" | "taxMinor" | "totalMinor";
type TPaymentFields = "status" | "providerPaymentId" | "failureCode" | "failureMessage";
/** What toOrderOutput reads: a loaded order, or one checkout has just written (no read back). */
export type TOrderOutputSource = Omit<TOrderRow, "lines" | "payments" | "hold"> & {
  lines: Pick<TOrderRow["lines"][number], TLineFields>[];
  payments: Pick<TOrderRow["payments"][number], TPaymentFields>[];
};

export function toOrderOutput(order: TOrderOutputSource, extras: Pick<TOrderOutput, "tickets" | "documents"> = { tickets: [], documents: null }): TOrderOutput {
  const payment = order.payments[0];
  return {
    id: order.id,
    reference: order.reference,
    eventId: order.eventId,
    status: order.status,
    buyerName: order.buyerName,
    buyerEmail: order.buyerEmail,
    currency: order.currency,
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    totalMinor: order.totalMinor,
    lines: order.lines.map((line) => ({
      ticketTypeId: line.ticketTypeId,
      seatId: line.seatId,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: line.discountMinor,
      taxRateBp: line.taxRateBp,
      taxMinor: line.taxMinor,
      totalMinor: line.totalMinor,
    })),
    payment: payment
      ? { status: payment.status, paymentIntentId: payment.providerPaymentId, failureCode: payment.failureCode, failureMessage: payment.failureMessage }
      : null,
    createdAt: order.createdAt,
    ...extras,
  };
}

/**
 * The order with its tickets and document links, once it has them; names in `locale` (default: the
 * order's language). The buyer (`viewer: "buyer"`) sees a ticket they transferred as TRANSFERRED to a
 * masked address, without its dead code, and not the recipient's new ticket; the organiser sees every
 * ticket with the recipient's full address.
 */
export async function orderWithTickets(
  deps: { db: Db; clock: Clock },
  order: TOrderRow,
  locale?: TLocale,
  viewer: "buyer" | "organiser" = "buyer",
): Promise<TOrderOutput> {
  const all = await loadOrderTickets(deps.db, order.id, locale ?? toLocale(order.locale));
  const tickets = viewer === "buyer" ? all.filter((t) => !t.transferredFromTicketId) : all;
  const recipients = new Map(all.filter((t) => t.transferredFromTicketId).map((t) => [t.id, t.holderEmail ?? ""]));
  const paidOnce = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(order.status);
  return toOrderOutput(order, {
    tickets: tickets.map((t) => {
      const recipient = t.transferredToTicketId ? (recipients.get(t.transferredToTicketId) ?? "") : null;
      return {
        id: t.id,
        shortCode: t.shortCode,
        signedCode: t.status === "TRANSFERRED" && viewer === "buyer" ? "" : t.signedCode,
        status: t.status,
        ticketTypeId: t.ticketTypeId,
        ticketTypeName: t.ticketTypeName,
        seat: t.seat ? { section: t.seat.section, row: t.seat.row, seat: t.seat.seat } : null,
        holderName: t.holderName,
        transferredTo: recipient === null ? null : viewer === "buyer" ? maskEmail(recipient) : recipient,
      };
    }),
    documents: paidOnce ? await orderDocumentLinks(deps.db, order, deps.clock.now()) : null,
  });
}

/** The order of this cart (or of its signed-in account, with that account's live session: cartMayReadOrder); any other is NOT_FOUND. */
export async function getOrder(
  deps: { db: Db; clock: Clock },
  cart: TResolvedCart,
  orderId: string,
  sessionUserId: string | null,
  locale?: TLocale,
): Promise<TOrderOutput> {
  const order = await loadOrder(deps.db, orderId);
  if (!order || !cartMayReadOrder(cart, sessionUserId, order)) throw new AppError("NOT_FOUND", "Order not found.");
  return orderWithTickets(deps, order, locale, "buyer");
}

/** A short code as support agents see it: enough to tell tickets apart, not to type in at the door. */
export const maskShortCode = (code: string): string => `${"•".repeat(Math.max(0, code.length - 4))}${code.slice(-4)}`;

/**
 * What a support agent may see of the order's tickets: masked short codes, no QR payload and no
 * tickets PDF (it carries the QR codes). Agents answer questions; they never hold a usable ticket.
 */
function withoutUsableCodes(order: TOrderOutput): TOrderOutput {
  return {
    ...order,
    tickets: order.tickets.map((ticket) => ({ ...ticket, shortCode: maskShortCode(ticket.shortCode), signedCode: "" })),
    documents: order.documents ? { ...order.documents, ticketsPdf: null } : null,
  };
}

/**
 * An order of the organisation, for the console and the help inbox; any other is NOT_FOUND.
 * `ticketCodes: "masked"` (support agents) leaves out everything that would admit someone.
 */
export async function getOrganizationOrder(
  deps: { db: Db; clock: Clock },
  organizationId: string,
  orderId: string,
  options: { ticketCodes?: "full" | "masked" } = {},
): Promise<TOrderOutput> {
  const order = await loadOrder(deps.db, orderId);
  if (!order || order.organizationId !== organizationId) throw new AppError("NOT_FOUND", "Order not found.");
  const output = await orderWithTickets(deps, order, undefined, "organiser");
  return options.ticketCodes === "masked" ? withoutUsableCodes(output) : output;
}

export { loadOrder };
