import type { Db } from "@marquee/db";
import { toLocale, waitingListOfferEmail } from "@marquee/documents";
import type { Clock } from "../../clock.ts";
import { resolveText } from "../content/resolve-content.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { MAIL_SENT, sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { hashOfferToken, newOfferToken } from "./claim-offer.ts";

export const offerMailKey = (entryId: string) => `waiting-list-offer:${entryId}`;

/** The web site's offer page; the token rides in the fragment, which browsers send to no server. */
export const offerUrl = (webUrl: string, locale: string, token: string) => new URL(`/${toLocale(locale)}/waiting-list/offer#token=${token}`, webUrl).toString();

/**
 * The notification worker's `waiting-list.offered` job: for an entry still OFFERED and unclaimed,
 * a new token (32 random bytes; only its SHA-256 stored, replacing any earlier one) and the
 * e-mail with the link, once per entry (an entry is offered once). Answers whether this call sent it.
 */
export async function sendWaitingListOfferEmail(
  deps: { db: Db; mailer: Mailer; clock: Clock; mailLeaseMs?: number; webUrl: string },
  entryId: string,
): Promise<boolean> {
  const key = offerMailKey(entryId);
  const sent = await deps.db.processedMessage.findUnique({
    where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } },
    select: { messageId: true },
  });
  if (sent) return false;
  const entry = await deps.db.waitingListEntry.findUnique({
    where: { id: entryId },
    include: {
      event: { select: { name: true, translations: true, defaultLanguage: true, timezone: true } },
      ticketType: { select: { name: true } },
    },
  });
  if (!entry || entry.status !== "OFFERED" || entry.holdId || !entry.offerExpiresAt || entry.offerExpiresAt <= deps.clock.now()) return false;
  const token = newOfferToken();
  const minted = await deps.db.waitingListEntry.updateMany({
    where: { id: entry.id, status: "OFFERED", holdId: null },
    data: { offerTokenHash: hashOfferToken(token) },
  });
  if (minted.count !== 1) return false;
  const locale = toLocale(entry.locale);
  const result = await sendMailOnce(deps, {
    key,
    to: entry.email,
    template: waitingListOfferEmail({
      locale,
      buyerName: entry.name || undefined,
      eventName: resolveText(entry.event.name, entry.event.translations, "name", { requested: locale, defaultLanguage: entry.event.defaultLanguage }),
      ticketTypeName: entry.ticketType.name,
      quantity: entry.quantity,
      offerUrl: offerUrl(deps.webUrl, locale, token),
      offerExpiresAt: entry.offerExpiresAt,
      timeZone: entry.event.timezone,
    }),
  });
  return sentOrRetryLater(result);
}
