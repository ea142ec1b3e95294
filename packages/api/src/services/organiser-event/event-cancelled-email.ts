import { eventCancelledEmail, toLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import { resolveText } from "../content/resolve-content.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { orderLinkUrl } from "../order-access/order-link.ts";

export const eventCancelledEmailKey = (orderId: string) => `event-cancelled:${orderId}`;

/**
 * "Your event was cancelled": once per order (the notification worker's `event.cancelled-notice`
 * job), in the order's language, with the order's signed link. The refund e-mail with the credit
 * note follows from the refund saga. Answers whether this call sent it.
 */
export async function sendEventCancelledEmail(deps: { db: Db; mailer: Mailer; mailLeaseMs?: number; webUrl: string }, orderId: string): Promise<boolean> {
  const order = await deps.db.order.findUnique({ where: { id: orderId }, include: { event: true } });
  if (!order || order.event.status !== "CANCELLED") return false;
  const locale = toLocale(order.locale);
  const result = await sendMailOnce(deps, {
    key: eventCancelledEmailKey(order.id),
    to: order.buyerEmail,
    template: eventCancelledEmail({
      locale,
      buyerName: order.buyerName,
      eventName: resolveText(order.event.name, order.event.translations, "name", { requested: locale, defaultLanguage: order.event.defaultLanguage }),
      startsAt: order.event.startsAt,
      timeZone: order.event.timezone,
      reason: order.event.cancellationReason,
      orderUrl: orderLinkUrl(deps.webUrl, { id: order.id, buyerEmail: order.buyerEmail, eventEndsAt: order.event.endsAt }),
    }),
  });
  return sentOrRetryLater(result);
}
