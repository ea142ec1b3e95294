// Shared by the ticket self-service integration tests (never imported by production code): a paid
// order (through the order saga's bench) that belongs to a signed-in buyer, and callers for it.
import { TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { fixedClock } from "../../clock.ts";
import { useProcessEnv } from "../../testing/api-server.ts";
import type { Harness } from "../../testing/harness.ts";
import type { TFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import type { TSelfServiceMailDeps } from "./self-service-emails.ts";

const DAY = 24 * 60 * 60 * 1000;

/** The web router signs transferred tickets with TICKET_KEY_SECRET: the test keys' secret. */
export function useTicketKeyEnv(): void {
  useProcessEnv(() => ({ TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET }));
}

/**
 * A paid order of `quantity` GA tickets owned by a new signed-in buyer, on an event starting in a
 * day. The buyer's caller runs `daysBefore` days before the start (5 by default), so the default
 * cut-offs (24 h for names and transfers, `refundDays` for refund requests) are still ahead.
 */
export async function buyerOrder(h: Harness, kit: TFulfilmentKit, options: { quantity?: number; refunds?: boolean; daysBefore?: number } = {}) {
  const { event, order, email } = await kit.paidOrder(options.quantity ?? 2, "Bea Buyer");
  const buyer = await h.make.user({ email });
  await h.db.order.update({ where: { id: order.id }, data: { userId: buyer.id } });
  const updated = await h.db.event.update({
    where: { id: event.id },
    data: { refundRequestsEnabled: options.refunds ?? true, refundRequestCutoffDays: 2, ticketChangesCutoffHours: 24 },
  });
  const clock = fixedClock(new Date(updated.startsAt.getTime() - (options.daysBefore ?? 5) * DAY));
  const caller = await h.callerAs(buyer.id, { clock });
  const tickets = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
  return { event: updated, order, email, buyer, caller, clock, tickets };
}

/** What the notification worker's self-service jobs get, on the bench's mail catcher. */
export const mailDeps = (h: Harness, kit: TFulfilmentKit): TSelfServiceMailDeps => ({
  db: h.db,
  mailer: kit.mailer,
  webUrl: "http://localhost:3000",
  adminUrl: "http://localhost:3001",
});
