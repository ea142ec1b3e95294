import { queueAdmissionEmail, toLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import { resolveText } from "../content/resolve-content.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";

export const admissionEmailKey = (queueTicketId: string) => `queue-admitted:${queueTicketId}`;

/**
 * "It's your turn": the e-mail to a waiting buyer who left an address, once per admission (the
 * notification worker's `queue.admitted` job). Nothing is sent when the admission is already used
 * or over, or the ticket has no address. The link opens the event page, where the buyer's cart
 * picks up its admission. Answers whether this call sent it.
 */
export async function sendAdmissionEmail(deps: { db: Db; mailer: Mailer; mailLeaseMs?: number; webUrl: string }, queueTicketId: string): Promise<boolean> {
  const ticket = await deps.db.queueTicket.findUnique({
    where: { id: queueTicketId },
    include: { event: { select: { id: true, slug: true, name: true, translations: true, defaultLanguage: true, timezone: true, admissionTtlSeconds: true } } },
  });
  if (!ticket?.notifyEmail || ticket.status !== "ADMITTED" || !ticket.admittedAt) return false;
  const expiresAt = new Date(ticket.admittedAt.getTime() + ticket.event.admissionTtlSeconds * 1_000);
  const result = await sendMailOnce(deps, {
    key: admissionEmailKey(ticket.id),
    to: ticket.notifyEmail,
    template: queueAdmissionEmail({
      locale: toLocale(ticket.locale),
      eventName: resolveText(ticket.event.name, ticket.event.translations, "name", {
        requested: toLocale(ticket.locale),
        defaultLanguage: ticket.event.defaultLanguage,
      }),
      admissionUrl: new URL(`/events/${ticket.event.slug}?queue=${ticket.id}`, deps.webUrl).toString(),
      expiresAt,
      timeZone: ticket.event.timezone,
    }),
  });
  return sentOrRetryLater(result);
}
