import { createHash } from "node:crypto";
import {
  orderConfirmationEmail,
  paidAfterExpiryEmail,
  pdfRenderer,
  refundEmail,
  startPdfRenderPool,
  type TTicketPdfData,
  toLocale,
  useRenderPool,
  warmUpRenderers,
} from "@marquee/documents";
import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { postalAddress } from "../invoice/build-invoice-snapshot.ts";
import { getInvoicePdf } from "../invoice/invoice-pdf.ts";
import { issueCreditNote } from "../invoice/issue-credit-note.ts";
import { issueInvoice } from "../invoice/issue-invoice.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { MAIL_SENT, sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { resolveText } from "../content/resolve-content.ts";
import { orderLinkExpiry, orderLinkUrl } from "../order-access/order-link.ts";
import { refundKindOf } from "../refunds/refund-rules.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";
import type { TOrderTicket } from "../tickets/types.ts";

/** What the document steps need: the invoice worker and the notification worker each build one. */
/**
 * Before a document worker says it is ready: its database pool connected and one ticket and one
 * invoice PDF rendered (fonts, react-pdf, QR), so the first order after a start is not the slow one.
 * With a render pool installed, its threads were warmed when it started: only the pool is connected.
 */
export async function warmUpDocuments(db: Db, options: { pooled?: boolean } = {}): Promise<number> {
  const started = performance.now();
  await db.$queryRaw`SELECT 1`;
  if (!options.pooled) await warmUpRenderers();
  return performance.now() - started;
}

/**
 * A document worker's PDF rendering: with `threads` >= 1, that many render threads (each warmed
 * once) become the process's renderer, so the services below render off the event loop on every
 * core given; 0 renders inline. `stop` lets queued renders finish, then ends the threads.
 */
export async function startDocumentRendering(threads: number): Promise<{ threads: number; stop(): Promise<void> }> {
  if (threads < 1) return { threads: 0, stop: async () => {} };
  const pool = await startPdfRenderPool({ threads });
  useRenderPool(pool);
  return {
    threads,
    stop: async () => {
      if (pdfRenderer() === pool) useRenderPool(null);
      await pool.close();
    },
  };
}

export interface TDocumentDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  mailer: Mailer;
  /** The e-mails' once-only lease (MAIL_LEASE_SECONDS). */
  mailLeaseMs?: number;
  /** The web app's public origin, for links in e-mails. */
  webUrl: string;
}

export type TOrderEmailKind = "confirmation" | "cancelled" | "refund";

export interface TIssuedDocument {
  id: string;
  displayNumber: string;
}

/**
 * The saga's document steps. In process (`localOrderDocuments`) for tests and scripts; the payment
 * worker passes gRPC calls to the invoice and notification workers instead. Every step is
 * idempotent per order or refund, so a retried call (lost answer, crash) has its effect once.
 */
export interface TOrderDocuments {
  /** The order's invoice: numbered once, PDF stored. */
  issueInvoice(orderId: string): Promise<TIssuedDocument>;
  /** The refund's credit note: numbered once, PDF stored. */
  issueCreditNote(refundId: string): Promise<TIssuedDocument>;
  /** One e-mail per kind and order (per refund for "refund"); answers whether this call sent it. */
  sendOrderEmail(input: { kind: TOrderEmailKind; orderId: string; refundId?: string }): Promise<boolean>;
}

/** The once-only keys of the e-mails: the confirmation's is this prefix + the order id. */
export const CONFIRMATION_KEY_PREFIX = "order-confirmation:";
export const orderEmailKey = (input: { kind: TOrderEmailKind; orderId: string; refundId?: string; resendId?: string }) =>
  input.kind === "confirmation"
    ? `${CONFIRMATION_KEY_PREFIX}${input.orderId}${input.resendId ? `:resend:${input.resendId}` : ""}`
    : input.kind === "cancelled"
      ? `order-cancelled:${input.orderId}`
      : `refund:${input.refundId}`;

async function loadOrder(db: Db, orderId: string) {
  const order = await db.order.findUnique({ where: { id: orderId }, include: { event: { include: { venue: true } } } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  return order;
}
type TOrder = Awaited<ReturnType<typeof loadOrder>>;

/** The event's name in the order's language (the organiser's default language where not given in it). */
const eventNameOf = (order: TOrder) =>
  resolveText(order.event.name, order.event.translations, "name", { requested: toLocale(order.locale), defaultLanguage: order.event.defaultLanguage });
/** The buyer's own valid tickets: a ticket they transferred away is replaced by one that is its recipient's, not theirs. */
export const buyersValidTickets = (tickets: TOrderTicket[]) => tickets.filter((t) => t.status === "VALID" && !t.transferredFromTicketId);

const emailEvent = (order: TOrder) => ({
  name: eventNameOf(order),
  startsAt: order.event.startsAt,
  timeZone: order.event.timezone,
  venueName: order.event.venue.name,
});
/** The order's signed link (any device, no account), as the e-mails carry it. */
const signedOrderUrl = (deps: Pick<TDocumentDeps, "webUrl">, order: TOrder) =>
  orderLinkUrl(deps.webUrl, { id: order.id, buyerEmail: order.buyerEmail, eventEndsAt: order.event.endsAt });
const ticketSeat = (t: TOrderTicket) => (t.seat ? { section: t.seat.section, row: t.seat.row, seat: t.seat.seat } : undefined);

/** The order's invoice (issued once; a second call returns the first). */
export async function issueOrderInvoice(deps: Omit<TDocumentDeps, "mailer" | "webUrl">, orderId: string): Promise<TIssuedDocument> {
  const invoice = await issueInvoice(deps, { orderId });
  return { id: invoice.id, displayNumber: invoice.displayNumber };
}

/** The credit note of a SUCCEEDED refund: for the tickets it names, or (goodwill) for its amount. */
export async function issueRefundCreditNote(deps: Omit<TDocumentDeps, "mailer" | "webUrl">, refundId: string): Promise<TIssuedDocument> {
  const refund = await deps.db.refund.findUnique({ where: { id: refundId } });
  if (!refund) throw new AppError("NOT_FOUND", "Refund not found.");
  if (refund.status !== "SUCCEEDED") throw new AppError("CONFLICT", "Only a completed refund gets a credit note.");
  if (refundKindOf(refund) === "goodwill") {
    const note = await issueCreditNote(deps, { orderId: refund.orderId, refundId, lines: [], amountMinor: refund.amountMinor });
    return { id: note.id, displayNumber: note.displayNumber };
  }
  const tickets = await deps.db.ticket.findMany({ where: { id: { in: refund.ticketIds } }, select: { orderLineId: true } });
  const perLine = tickets.reduce((m, t) => m.set(t.orderLineId, (m.get(t.orderLineId) ?? 0) + 1), new Map<string, number>());
  const lines = [...perLine].map(([orderLineId, quantity]) => ({ orderLineId, quantity }));
  const note = await issueCreditNote(deps, { orderId: refund.orderId, refundId, lines });
  return { id: note.id, displayNumber: note.displayNumber };
}

async function alreadySent(db: Db, key: string): Promise<boolean> {
  return Boolean(await db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } } }));
}

/** What a tickets PDF is rendered from: the same inputs give the same document. */
export function ticketsPdfInput(order: TOrder, tickets: TOrderTicket[]): TTicketPdfData {
  return {
    locale: toLocale(order.locale),
    currency: order.currency,
    order: { reference: order.reference, buyerName: order.buyerName },
    event: {
      name: eventNameOf(order),
      startsAt: order.event.startsAt,
      doorsAt: order.event.doorsAt ?? undefined,
      timeZone: order.event.timezone,
      venue: {
        name: order.event.venue.name,
        address: postalAddress(`${order.event.venue.address ?? ""}\n${order.event.venue.city}`, order.event.venue.country, toLocale(order.locale)),
      },
    },
    tickets: tickets.map((t) => ({
      typeName: t.ticketTypeName,
      seat: ticketSeat(t),
      holderName: t.holderName ?? undefined,
      shortCode: t.shortCode,
      signedCode: t.signedCode,
    })),
  };
}

/** The tickets PDF of `tickets` (the order's valid ones), by the process's PDF renderer (a worker's thread pool, or inline). */
function ticketsPdfOf(order: TOrder, tickets: TOrderTicket[]): Promise<Buffer> {
  return pdfRenderer().ticket(ticketsPdfInput(order, tickets));
}

/**
 * An order's tickets PDF for download: its valid tickets, while it is paid. Rendered once per
 * version of its inputs and kept in the file store (`tickets/<order>/<sha256 of the inputs>.pdf`),
 * so a download loop reads a file instead of rendering; a refund or a renamed event is a new version.
 */
export async function renderOrderTicketsPdf(deps: { db: Db; files?: FileStore }, orderId: string): Promise<{ reference: string; body: Buffer }> {
  const order = await loadOrder(deps.db, orderId);
  if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED") throw new AppError("NOT_FOUND", "This order has no valid tickets.");
  const tickets = buyersValidTickets(await loadOrderTickets(deps.db, order.id, toLocale(order.locale)));
  const input = ticketsPdfInput(order, tickets);
  if (!deps.files) return { reference: order.reference, body: await pdfRenderer().ticket(input) };
  const key = `tickets/${order.id}/${createHash("sha256").update(JSON.stringify(input)).digest("hex")}.pdf`;
  const cached = await deps.files.get(key);
  if (cached) return { reference: order.reference, body: cached };
  const body = await pdfRenderer().ticket(input);
  await deps.files.put(key, body, "application/pdf");
  return { reference: order.reference, body };
}

async function sendConfirmation(deps: TDocumentDeps, order: TOrder, key: string): Promise<boolean> {
  if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED" && order.status !== "REFUNDED")
    throw new AppError("CONFLICT", "Only a paid order gets its confirmation.");
  const invoice = await deps.db.invoice.findFirst({ where: { orderId: order.id, kind: "INVOICE" } });
  // The saga issues the invoice first; the e-mail waits for it rather than numbering one itself.
  if (!invoice) throw new AppError("CONFLICT", "The order's invoice is not issued yet.");
  const tickets = buyersValidTickets(await loadOrderTickets(deps.db, order.id, toLocale(order.locale)));
  const ticketsPdf = await ticketsPdfOf(order, tickets);
  const invoicePdf = await getInvoicePdf(deps, { invoiceId: invoice.id });
  const result = await sendMailOnce(deps, {
    key,
    to: order.buyerEmail,
    template: orderConfirmationEmail({
      locale: toLocale(order.locale),
      buyerName: order.buyerName,
      orderReference: order.reference,
      event: emailEvent(order),
      tickets: tickets.map((t) => ({ typeName: t.ticketTypeName, seat: ticketSeat(t), holderName: t.holderName ?? undefined, shortCode: t.shortCode })),
      totalMinor: order.totalMinor,
      currency: order.currency,
      orderUrl: signedOrderUrl(deps, order),
      orderLinkValidUntil: orderLinkExpiry(order.event.endsAt),
      buyerHasAccount: order.userId !== null,
      invoiceAttached: true,
    }),
    attachments: [
      { filename: `tickets-${order.reference}.pdf`, content: ticketsPdf, contentType: "application/pdf" },
      { filename: `invoice-${invoice.displayNumber}.pdf`, content: invoicePdf, contentType: "application/pdf" },
    ],
  });
  return sentOrRetryLater(result);
}

async function sendCancelled(deps: TDocumentDeps, order: TOrder, key: string): Promise<boolean> {
  if (order.status !== "CANCELLED") throw new AppError("CONFLICT", "Only a cancelled order gets the cancellation e-mail.");
  const result = await sendMailOnce(deps, {
    key,
    to: order.buyerEmail,
    template: paidAfterExpiryEmail({
      locale: toLocale(order.locale),
      outcome: "refunded",
      buyerName: order.buyerName,
      orderReference: order.reference,
      event: emailEvent(order),
      amountMinor: order.totalMinor,
      currency: order.currency,
      eventUrl: new URL(`/events/${order.eventId}`, deps.webUrl).toString(),
    }),
  });
  return sentOrRetryLater(result);
}

async function sendRefund(deps: TDocumentDeps, order: TOrder, refundId: string, key: string): Promise<boolean> {
  const refund = await deps.db.refund.findUnique({ where: { id: refundId } });
  if (!refund || refund.orderId !== order.id) throw new AppError("NOT_FOUND", "Refund not found.");
  const creditNote = await deps.db.invoice.findFirst({ where: { orderId: order.id, kind: "CREDIT_NOTE", snapshot: { path: ["refundId"], equals: refundId } } });
  if (!creditNote) throw new AppError("CONFLICT", "The refund's credit note is not issued yet.");
  const pdf = await getInvoicePdf(deps, { invoiceId: creditNote.id });
  const result = await sendMailOnce(deps, {
    key,
    to: order.buyerEmail,
    template: refundEmail({
      locale: toLocale(order.locale),
      buyerName: order.buyerName,
      orderReference: order.reference,
      eventName: eventNameOf(order),
      scope: refundKindOf(refund) === "goodwill" ? "goodwill" : order.status === "REFUNDED" && order.refundedMinor === refund.amountMinor ? "full" : "partial",
      amountMinor: refund.amountMinor,
      currency: order.currency,
      reason: refund.reason ?? undefined,
      creditNoteNumber: creditNote.displayNumber,
      orderUrl: signedOrderUrl(deps, order),
    }),
    attachments: [{ filename: `credit-note-${creditNote.displayNumber}.pdf`, content: pdf, contentType: "application/pdf" }],
  });
  return sentOrRetryLater(result);
}

/** Sends one of the order's e-mails, at most once per key; answers whether this call sent it. */
export async function sendOrderEmail(
  deps: TDocumentDeps,
  // `resendId`: an organiser's resend of the confirmation, a key (so an e-mail) of its own.
  input: { kind: TOrderEmailKind; orderId: string; refundId?: string; resendId?: string },
): Promise<boolean> {
  if (input.kind === "refund" && !input.refundId) throw new AppError("VALIDATION_ERROR", "A refund e-mail names its refund.");
  const key = orderEmailKey(input);
  // Already sent: nothing to render.
  if (await alreadySent(deps.db, key)) return false;
  const order = await loadOrder(deps.db, input.orderId);
  // A box-office sale where the buyer gave no address: nothing to mail.
  if (!order.buyerEmail) return false;
  if (input.kind === "confirmation") return sendConfirmation(deps, order, key);
  if (input.kind === "cancelled") return sendCancelled(deps, order, key);
  return sendRefund(deps, order, input.refundId!, key);
}

/** The document steps run in this process. */
export function localOrderDocuments(deps: TDocumentDeps): TOrderDocuments {
  return {
    issueInvoice: (orderId) => issueOrderInvoice(deps, orderId),
    issueCreditNote: (refundId) => issueRefundCreditNote(deps, refundId),
    sendOrderEmail: (input) => sendOrderEmail(deps, input),
  };
}

/** The order with its event and venue, as the documents print them. */
export { loadOrder as loadDocumentOrder };
