import { refundRequestEmail, ticketTransferReceivedEmail, ticketTransferSentEmail, toLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import type { Mailer } from "../mail/create-mailer.ts";
import { sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { maskEmail } from "./mask-email.ts";
import { ticketPagePath } from "./ticket-links.ts";

export interface TSelfServiceMailDeps {
  db: Db;
  mailer: Mailer;
  mailLeaseMs?: number;
  /** The shop's origin, for the order and ticket links. */
  webUrl: string;
  /** The console's origin, for the organisers' link. */
  adminUrl: string;
}

export const transferSentKey = (ticketId: string) => `ticket-transfer-sent:${ticketId}`;
export const transferReceivedKey = (newTicketId: string) => `ticket-transfer-received:${newTicketId}`;
export const refundRequestKey = (refundRequestId: string, userId: string) => `refund-request:${refundRequestId}:${userId}`;

const TICKET_INCLUDE = {
  ticketType: { select: { name: true } },
  seat: { select: { label: true, section: { select: { name: true } }, row: { select: { label: true } } } },
} as const;

/**
 * The two e-mails of a transfer (the notification worker's `ticket.transferred` job), each once per
 * key: to the buyer, naming the masked recipient; to the recipient, with the signed link to their
 * ticket page. Nothing is sent for a transfer that is not on record. Answers how many this call sent.
 */
export async function sendTicketTransferEmails(deps: TSelfServiceMailDeps, input: { ticketId: string; newTicketId: string }): Promise<number> {
  const [old, created] = await Promise.all([
    deps.db.ticket.findUnique({ where: { id: input.ticketId }, include: { order: true, event: { include: { venue: true } }, ...TICKET_INCLUDE } }),
    deps.db.ticket.findUnique({ where: { id: input.newTicketId }, include: TICKET_INCLUDE }),
  ]);
  if (!old || !created || old.transferredToTicketId !== created.id || !created.holderEmail) return 0;
  const locale = toLocale(old.order.locale);
  const event = { name: old.event.name, startsAt: old.event.startsAt, timeZone: old.event.timezone };
  const ticket = {
    typeName: old.ticketType.name,
    seat: old.seat ? { section: old.seat.section.name, row: old.seat.row.label, seat: old.seat.label } : undefined,
  };
  const recipientName = created.holderName ?? created.holderEmail;
  const toBuyer = await sendMailOnce(deps, {
    key: transferSentKey(old.id),
    to: old.order.buyerEmail,
    template: ticketTransferSentEmail({
      locale,
      buyerName: old.order.buyerName,
      orderReference: old.order.reference,
      event,
      ticket,
      recipientName,
      recipientEmail: maskEmail(created.holderEmail),
      orderUrl: new URL(old.order.userId ? `/account/orders/${old.orderId}` : `/orders/${old.orderId}`, deps.webUrl).toString(),
    }),
  });
  const toRecipient = await sendMailOnce(deps, {
    key: transferReceivedKey(created.id),
    to: created.holderEmail,
    template: ticketTransferReceivedEmail({
      locale,
      recipientName,
      fromName: old.order.buyerName,
      event: { ...event, venueName: old.event.venue.name },
      ticket,
      ticketUrl: new URL(ticketPagePath(created.id, old.event.endsAt), deps.webUrl).toString(),
    }),
  });
  return Number(sentOrRetryLater(toBuyer)) + Number(sentOrRetryLater(toRecipient));
}

/**
 * A buyer's refund request told to the organisation's owners and admins (the notification
 * worker's `refund-request.created` job), once each. Answers how many this call sent.
 */
export async function sendRefundRequestEmail(deps: TSelfServiceMailDeps, refundRequestId: string): Promise<number> {
  const request = await deps.db.refundRequest.findUnique({
    where: { id: refundRequestId },
    include: { order: true, event: { select: { name: true } } },
  });
  if (!request) return 0;
  const members = await deps.db.membership.findMany({
    where: { organizationId: request.organizationId, role: { in: ["OWNER", "ADMIN"] }, user: { disabledAt: null } },
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
    orderBy: { createdAt: "asc" },
  });
  let sent = 0;
  // One e-mail per owner or admin, in their language, each once.
  for (const { user } of members) {
    const result = await sendMailOnce(deps, {
      key: refundRequestKey(request.id, user.id),
      to: user.email,
      template: refundRequestEmail({
        locale: toLocale(user.locale),
        organiserName: user.name ?? undefined,
        buyerName: request.order.buyerName,
        buyerEmail: request.order.buyerEmail,
        orderReference: request.order.reference,
        eventName: request.event.name,
        ticketCount: request.ticketIds.length,
        reason: request.reason,
        consoleUrl: new URL("/", deps.adminUrl).toString(),
      }),
    });
    sent += Number(sentOrRetryLater(result));
  }
  return sent;
}
