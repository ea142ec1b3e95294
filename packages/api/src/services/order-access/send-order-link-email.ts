import { orderLinkEmail, toLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import type { TOrderLinkRequestedPayload } from "../../jobs/definitions.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { orderLinkExpiry, orderLinkUrl } from "./order-link.ts";

export const orderLinkEmailKey = (requestId: string) => `order-link:${requestId}`;

/** Orders whose buyer may open them by link: paid once (refunded ones still show their documents). */
const LINKABLE_STATUSES = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"] as const;

/**
 * The `order.link-requested` job ("Find my order"): e-mails the order's link to its buyer if the
 * reference names an order bought with that address and its link still works; otherwise nothing.
 * Once per request. Answers whether this call sent it.
 */
export async function sendOrderLinkEmail(
  deps: { db: Db; clock: Clock; mailer: Mailer; mailLeaseMs?: number; webUrl: string },
  request: TOrderLinkRequestedPayload,
): Promise<boolean> {
  const order = await deps.db.order.findUnique({
    where: { reference: request.reference },
    select: {
      id: true,
      reference: true,
      status: true,
      buyerName: true,
      buyerEmail: true,
      locale: true,
      event: { select: { name: true, endsAt: true, timezone: true } },
    },
  });
  const matches =
    order !== null &&
    order.buyerEmail.trim().toLowerCase() === request.email &&
    (LINKABLE_STATUSES as readonly string[]).includes(order.status) &&
    orderLinkExpiry(order.event.endsAt) > deps.clock.now();
  if (!matches) return false;
  const result = await sendMailOnce(deps, {
    key: orderLinkEmailKey(request.requestId),
    // The address the order was bought with, not the one typed in (they match, but case may not).
    to: order.buyerEmail,
    template: orderLinkEmail({
      locale: toLocale(order.locale),
      buyerName: order.buyerName,
      orderReference: order.reference,
      eventName: order.event.name,
      orderUrl: orderLinkUrl(deps.webUrl, { id: order.id, buyerEmail: order.buyerEmail, eventEndsAt: order.event.endsAt }),
      validUntil: orderLinkExpiry(order.event.endsAt),
      timeZone: order.event.timezone,
    }),
  });
  return sentOrRetryLater(result);
}
