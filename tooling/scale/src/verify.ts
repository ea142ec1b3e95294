// What PostgreSQL and the mail catcher say once the sale is over: nothing oversold, and every
// order whose card was confirmed is PAID with its tickets, its invoice and its e-mail.
import type { Db } from "@marquee/db";
import type { MailCatcher } from "@marquee/dev/services/mail-catcher";

export interface SaleChecks {
  capacity: number;
  ticketsIssued: number;
  oversold: number;
  paidOrders: number;
  /** Confirmed by a buyer but not PAID, or PAID without tickets, invoice or e-mail. */
  lost: number;
  missing: { notPaid: number; tickets: number; invoice: number; email: number };
  waitedSeconds: number;
}

async function look(db: Db, catcher: MailCatcher, eventId: string, ticketTypeId: string, confirmed: string[], capacity: number): Promise<SaleChecks> {
  const paid = await db.order.findMany({ where: { eventId, status: "PAID" }, select: { id: true, buyerEmail: true } });
  const orderIds = [...new Set([...confirmed, ...paid.map((o) => o.id)])];
  const paidIds = new Set(paid.map((o) => o.id));
  const ticketed = new Set((await db.ticket.groupBy({ by: ["orderId"], where: { orderId: { in: orderIds }, status: "VALID" } })).map((r) => r.orderId));
  const invoiced = new Set((await db.invoice.groupBy({ by: ["orderId"], where: { orderId: { in: orderIds }, kind: "INVOICE" } })).map((r) => r.orderId));
  const emailOf = new Map(
    (await db.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, buyerEmail: true } })).map((o) => [o.id, o.buyerEmail.toLowerCase()]),
  );
  const mailed = new Set(catcher.messages().flatMap((message) => message.to.map((to) => to.toLowerCase())));
  const missing = { notPaid: 0, tickets: 0, invoice: 0, email: 0 };
  let lost = 0;
  for (const id of orderIds) {
    const gaps = [
      !paidIds.has(id) && "notPaid",
      !ticketed.has(id) && "tickets",
      !invoiced.has(id) && "invoice",
      !mailed.has(emailOf.get(id) ?? "") && "email",
    ].filter((gap): gap is keyof typeof missing => gap !== false);
    for (const gap of gaps) missing[gap]++;
    if (gaps.length > 0) lost++;
  }
  const ticketsIssued = await db.ticket.count({ where: { ticketTypeId, status: "VALID" } });
  return { capacity, ticketsIssued, oversold: Math.max(0, ticketsIssued - capacity), paidOrders: paid.length, lost, missing, waitedSeconds: 0 };
}

/** Polls until nothing is missing or `timeoutMs` has passed (the workers finish the last orders meanwhile). */
export async function verifySale(options: {
  db: Db;
  catcher: MailCatcher;
  eventId: string;
  ticketTypeId: string;
  confirmedOrderIds: string[];
  capacity: number;
  timeoutMs: number;
}): Promise<SaleChecks> {
  const started = Date.now();
  for (;;) {
    const checks = await look(options.db, options.catcher, options.eventId, options.ticketTypeId, options.confirmedOrderIds, options.capacity);
    checks.waitedSeconds = (Date.now() - started) / 1000;
    if (checks.lost === 0 || Date.now() - started > options.timeoutMs) return checks;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
