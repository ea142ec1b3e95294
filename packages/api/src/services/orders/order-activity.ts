import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { CONFIRMATION_KEY_PREFIX } from "../fulfilment/order-documents.ts";
import { MAIL_SENT } from "../mail/send-mail-once.ts";
import { refundableMinor } from "../refunds/refund-rules.ts";
import { transferReceivedKey, transferSentKey } from "../ticket-self-service/self-service-emails.ts";
import type { TOrderActivityOutput } from "./order-schemas.ts";

/** The audit trail shown on the order page: its newest entries (the full log has its own page). */
const AUDIT_LIMIT = 200;

/** What kind of e-mail a sendMailOnce key was (the keys are the record of what was sent). */
function emailKind(key: string): string {
  if (key.startsWith(CONFIRMATION_KEY_PREFIX)) return key.includes(":resend:") ? "confirmation (resent)" : "confirmation";
  if (key.startsWith("order-cancelled:")) return "cancellation";
  if (key.startsWith("refund:")) return "refund";
  if (key.startsWith("ticket-transfer-sent:")) return "ticket transferred (buyer)";
  if (key.startsWith("ticket-transfer-received:")) return "ticket transferred (recipient)";
  return "other";
}

/**
 * An order's payments, the e-mails sent about it and its audit trail, for the console's order page.
 * Sent e-mails are recorded by sendMailOnce (`ProcessedMessage`, consumer "mail.sent", one row per
 * key); the order's keys name the order, its refunds or its tickets. The audit trail is every
 * entry whose target is the order or one of its tickets.
 */
export async function getOrderActivity(deps: { db: Db }, organizationId: string, orderId: string): Promise<TOrderActivityOutput> {
  const order = await deps.db.order.findFirst({
    where: { id: orderId, organizationId },
    include: {
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { select: { id: true, status: true, amountMinor: true } },
      tickets: { select: { id: true, holderEmail: true, transferredToTicketId: true } },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  const ticketIds = order.tickets.map((t) => t.id);
  const holderOf = new Map(order.tickets.map((t) => [t.id, t.holderEmail]));
  const exactKeys = [
    `${CONFIRMATION_KEY_PREFIX}${order.id}`,
    `order-cancelled:${order.id}`,
    ...order.refunds.map((r) => `refund:${r.id}`),
    ...ticketIds.flatMap((id) => [transferSentKey(id), transferReceivedKey(id)]),
  ];
  const [sent, audit] = await Promise.all([
    deps.db.processedMessage.findMany({
      where: { consumer: MAIL_SENT, OR: [{ messageId: { in: exactKeys } }, { messageId: { startsWith: `${CONFIRMATION_KEY_PREFIX}${order.id}:resend:` } }] },
      orderBy: { processedAt: "asc" },
    }),
    deps.db.auditLog.findMany({
      where: {
        organizationId,
        OR: [
          { targetType: "order", targetId: order.id },
          { targetType: "ticket", targetId: { in: ticketIds } },
        ],
      },
      orderBy: { id: "desc" },
      take: AUDIT_LIMIT,
      include: { actor: { select: { email: true } } },
    }),
  ]);
  return {
    channel: order.channel,
    paidAt: order.paidAt,
    cancelledAt: order.cancelledAt,
    refundedMinor: order.refundedMinor,
    refundableMinor: refundableMinor(order, order.payments, order.refunds),
    payments: order.payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      status: p.status,
      amountMinor: p.amountMinor,
      capturedMinor: p.capturedMinor,
      currency: p.currency,
      createdAt: p.createdAt,
    })),
    emails: sent.map((row) => {
      const ticketId = row.messageId.startsWith("ticket-transfer-received:") ? row.messageId.slice("ticket-transfer-received:".length) : null;
      return {
        kind: emailKind(row.messageId),
        key: row.messageId,
        to: (ticketId ? holderOf.get(ticketId) : null) ?? order.buyerEmail,
        sentAt: row.processedAt,
      };
    }),
    audit: audit.map((entry) => ({
      id: entry.id.toString(),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      actorKind: entry.actorKind,
      actorEmail: entry.actor?.email ?? null,
      ip: entry.ip,
      data: entry.data,
      createdAt: entry.createdAt,
    })),
  };
}
