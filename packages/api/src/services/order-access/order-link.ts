import { checkBoundToken, signBoundToken, type TBoundTokenCheck } from "../../lib/bound-token.ts";

/** How long an order link works after its event has ended. */
export const ORDER_LINK_DAYS_AFTER_EVENT = 30;
const DAY_MS = 24 * 60 * 60 * 1_000;
const PURPOSE = "order-access";

/** What a link is bound to: the order and its buyer's address (a changed address voids old links). */
export interface TOrderLinkSubject {
  id: string;
  buyerEmail: string;
}

const bound = (subject: TOrderLinkSubject) => [subject.id, subject.buyerEmail.trim().toLowerCase()];

/** Until when a link to an order of this event works: 30 days after the event ends. */
export const orderLinkExpiry = (eventEndsAt: Date): Date => new Date(eventEndsAt.getTime() + ORDER_LINK_DAYS_AFTER_EVENT * DAY_MS);

/** The bearer token of an order link, bound to the order id and the buyer's e-mail (lib/bound-token.ts). */
export const orderAccessToken = (subject: TOrderLinkSubject, expiresAt: Date): string => signBoundToken(PURPOSE, bound(subject), expiresAt);

/** Whether the token opens this order now. */
export const checkOrderAccessToken = (token: string | null | undefined, subject: TOrderLinkSubject, now: Date): TBoundTokenCheck =>
  checkBoundToken(PURPOSE, token, bound(subject), now);

/**
 * The page address an e-mail carries: `/orders/<id>#token=<token>`. The token rides in the
 * fragment, which browsers never send to a server (no access logs, no proxies) nor put in a
 * Referer; the page sends it in the X-Order-Token header and takes it out of the address bar.
 */
export function orderLinkUrl(webUrl: string, subject: TOrderLinkSubject & { eventEndsAt: Date }): string {
  const url = new URL(`/orders/${encodeURIComponent(subject.id)}`, webUrl);
  url.hash = `token=${orderAccessToken(subject, orderLinkExpiry(subject.eventEndsAt))}`;
  return url.toString();
}
