// Transfers and name changes by the signed-in buyer, through the shop's router against real
// PostgreSQL: the new ticket and the revoked old code, idempotence, cut-offs, other users' tickets,
// the e-mails and the recipient's signed ticket page, and the door's verification.
import { randomUUID } from "node:crypto";
import { decodeRevocationList } from "@marquee/tickets";
import { describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { orderAccessToken } from "../order-access/order-link.ts";
import { eventRevocationList } from "../tickets/scanner-downloads.ts";
import { buyerOrder, mailDeps, useTicketKeyEnv } from "./self-service-test-kit.ts";
import { sendTicketTransferEmails } from "./self-service-emails.ts";
import { ticketLinkToken } from "./ticket-links.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);
useTicketKeyEnv();

const HOUR = 60 * 60 * 1000;

describe("ticket.transfer", () => {
  it("issues the recipient a new ticket, revokes the old code, tells both, and is idempotent", async () => {
    const { event, order, email, caller, tickets } = await buyerOrder(h, kit);
    const ticket = tickets[0]!;
    const recipient = { name: "Rita Recipient", email: `Rita-${crypto.randomUUID()}@Example.test` };
    const input = { orderId: order.id, ticketId: ticket.id, recipient };

    // A double click: two calls at once, then a retry; one new ticket.
    const [first, second] = await Promise.all([caller.ticket.transfer(input), caller.ticket.transfer(input)]);
    const retry = await caller.ticket.transfer(input);
    expect(first).toMatchObject({ ticketId: ticket.id, status: "TRANSFERRED", transferredTo: expect.stringMatching(/^r•••.@example\.test$/) });
    expect(second).toEqual(first);
    expect(retry).toEqual(first);
    const rows = await h.db.ticket.findMany({ where: { orderId: order.id } });
    expect(rows).toHaveLength(3);
    const old = rows.find((t) => t.id === ticket.id)!;
    const created = rows.find((t) => t.id === old.transferredToTicketId)!;
    expect(old).toMatchObject({ status: "TRANSFERRED", revokeReason: "transferred" });
    expect(created).toMatchObject({
      status: "VALID",
      holderName: "Rita Recipient",
      holderEmail: recipient.email.toLowerCase(),
      orderLineId: ticket.orderLineId,
    });
    expect(created.signedCode).not.toBe(ticket.signedCode);
    expect(created.shortCode).not.toBe(ticket.shortCode);
    expect(await h.db.outboxEvent.count({ where: { topic: "ticket.transferred", aggregateId: ticket.id } })).toBe(1);
    expect(await h.db.auditLog.count({ where: { action: "ticket.transfer", targetId: ticket.id } })).toBe(1);

    // Another recipient for the same ticket: refused, nothing changes.
    await expect(caller.ticket.transfer({ ...input, recipient: { name: "Someone Else", email: "else@example.test" } })).rejects.toMatchObject({
      cause: { code: "TICKET_NOT_CHANGEABLE", details: { reason: "TRANSFERRED" } },
    });
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(3);

    // The buyer's order shows the ticket as transferred (masked, no code) and not the recipient's.
    const mine = await caller.account.order({ orderId: order.id });
    expect(mine.tickets).toHaveLength(2);
    expect(mine.tickets.find((t) => t.id === ticket.id)).toMatchObject({ status: "TRANSFERRED", signedCode: "", transferredTo: first.transferredTo });
    const selfService = await caller.ticket.selfService({ orderId: order.id });
    expect(selfService.tickets.find((t) => t.id === ticket.id)).toMatchObject({ blockedBy: "TRANSFERRED", canChange: false });

    // The door: the old code is on the revocation list and refused as TRANSFERRED; the new one admits.
    const revoked = decodeRevocationList((await eventRevocationList({ db: h.db, clock: systemClock }, event.id)).encoded)!;
    expect(revoked.has(ticket.id)).toBe(true);
    expect(revoked.has(created.id)).toBe(false);
    const door = await h.make.member(event.organizationId, "DOOR_STAFF");
    const scanner = await h.callerAs(door.id, { app: "checkin", clock: fixedClock(event.startsAt) });
    expect(await scanner.checkin.verify({ organizationId: event.organizationId, eventId: event.id, code: ticket.signedCode })).toMatchObject({
      ok: false,
      reason: "TRANSFERRED",
    });
    expect(await scanner.checkin.verify({ organizationId: event.organizationId, eventId: event.id, code: created.signedCode })).toMatchObject({
      ok: true,
      ticket: { id: created.id, holderName: "Rita Recipient" },
    });

    // Both are told once; the recipient's link opens their ticket without an account.
    const deps = mailDeps(h, kit);
    expect(await sendTicketTransferEmails(deps, { ticketId: ticket.id, newTicketId: created.id })).toBe(2);
    expect(await sendTicketTransferEmails(deps, { ticketId: ticket.id, newTicketId: created.id })).toBe(0);
    const [toRecipient] = await kit.caughtFor(recipient.email.toLowerCase());
    expect(toRecipient!.subject).toContain("is yours");
    const path = /http:\/\/localhost:3000(\/tickets\/[A-Za-z0-9~_-]+)/.exec(toRecipient!.text ?? "")![1]!;
    expect((await kit.caughtFor(email)).some((m) => m.subject.startsWith("You transferred a ticket"))).toBe(true);
    const anonymous = await h.callerAs(null);
    const page = await anonymous.ticket.byLink({ token: path.slice("/tickets/".length) });
    expect(page).toMatchObject({ id: created.id, status: "VALID", holderName: "Rita Recipient", signedCode: created.signedCode, shortCode: created.shortCode });
    expect(page.pdf).toMatch(/^\/api\/documents\/v1\./);
  });

  it("refuses a forged, expired or buyer's own ticket link", async () => {
    const { tickets } = await buyerOrder(h, kit, { quantity: 1 });
    const anonymous = await h.callerAs(null);
    const token = ticketLinkToken(tickets[0]!.id, new Date(Date.now() + HOUR));
    // A valid signature over a ticket that was never transferred: the link shows only transferred tickets.
    await expect(anonymous.ticket.byLink({ token })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(anonymous.ticket.byLink({ token: `${token.slice(0, -2)}AA` })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(anonymous.ticket.byLink({ token: ticketLinkToken(tickets[0]!.id, new Date(Date.now() - 1)) })).rejects.toMatchObject({
      cause: { code: "LINK_EXPIRED" },
    });
  });

  it("refuses another user's ticket, after the cut-off, when the organiser turned changes off, and used or refunded tickets", async () => {
    const { event, order, caller, tickets, buyer } = await buyerOrder(h, kit, { quantity: 2 });
    const input = { orderId: order.id, ticketId: tickets[0]!.id, recipient: { name: "Max Mustermann", email: "max@example.test" } };

    const stranger = await h.callerAs((await h.make.user()).id, { clock: fixedClock(new Date(event.startsAt.getTime() - 5 * 24 * HOUR)) });
    await expect(stranger.ticket.transfer(input)).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(stranger.ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "Thief" })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(stranger.ticket.selfService({ orderId: order.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    // A ticket of another order under this order's id: NOT_FOUND too.
    const other = await buyerOrder(h, kit, { quantity: 1 });
    await expect(caller.ticket.transfer({ ...input, ticketId: other.tickets[0]!.id })).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });

    const late = await h.callerAs(buyer.id, { clock: fixedClock(new Date(event.startsAt.getTime() - 23 * HOUR)) });
    await expect(late.ticket.transfer(input)).rejects.toMatchObject({ cause: { code: "TICKET_CHANGES_CLOSED" } });
    await expect(late.ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "Late Name" })).rejects.toMatchObject({
      cause: { code: "TICKET_CHANGES_CLOSED" },
    });
    await h.db.event.update({ where: { id: event.id }, data: { ticketChangesEnabled: false } });
    await expect(caller.ticket.transfer(input)).rejects.toMatchObject({ cause: { code: "TICKET_CHANGES_CLOSED" } });
    await h.db.event.update({ where: { id: event.id }, data: { ticketChangesEnabled: true } });

    await h.db.ticket.update({ where: { id: tickets[0]!.id }, data: { checkedInAt: new Date() } });
    await expect(caller.ticket.transfer(input)).rejects.toMatchObject({ cause: { code: "TICKET_NOT_CHANGEABLE", details: { reason: "CHECKED_IN" } } });
    await h.db.ticket.update({ where: { id: tickets[1]!.id }, data: { status: "REVOKED" } });
    await expect(caller.ticket.transfer({ ...input, ticketId: tickets[1]!.id })).rejects.toMatchObject({
      cause: { code: "TICKET_NOT_CHANGEABLE", details: { reason: "REFUNDED" } },
    });
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(2);
    expect(await h.db.ticket.findMany({ where: { orderId: order.id }, select: { holderName: true } })).toEqual([
      { holderName: "Bea Buyer" },
      { holderName: "Bea Buyer" },
    ]);
  });
});

describe("ticket.rename", () => {
  it("changes the holder's name with an audit entry; the buyer's order shows it; a blank name is refused", async () => {
    const { order, caller, tickets } = await buyerOrder(h, kit, { quantity: 1 });
    const result = await caller.ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "  Nora Newname " });
    expect(result).toEqual({ ticketId: tickets[0]!.id, holderName: "Nora Newname", changed: true });
    expect(await caller.ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "Nora Newname" })).toMatchObject({ changed: false });
    expect((await caller.account.order({ orderId: order.id })).tickets[0]).toMatchObject({ holderName: "Nora Newname", status: "VALID" });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "ticket.rename", targetId: tickets[0]!.id } });
    expect(audit.data).toMatchObject({ from: "Bea Buyer", to: "Nora Newname" });
    await expect(caller.ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("serves a guest holding the order's e-mailed link (X-Order-Token) and announces the wallet pass change; a link for another order or address is NOT_FOUND", async () => {
    const { order, clock, tickets } = await buyerOrder(h, kit, { quantity: 1 });
    const full = await h.db.order.findUniqueOrThrow({ where: { id: order.id }, select: { id: true, buyerEmail: true } });
    const until = new Date(clock.now().getTime() + 30 * 24 * 3_600_000);
    const guest = (token: string) => h.callerAs(null, { clock, request: { orderToken: token } });
    const linked = await guest(orderAccessToken(full, until));
    expect((await linked.ticket.selfService({ orderId: order.id })).tickets).toHaveLength(1);
    await h.db.walletPass.create({ data: { ticketId: tickets[0]!.id, authTokenHash: "x".repeat(64), changedAt: new Date(0) } });
    expect(await linked.ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "Gia Guest" })).toMatchObject({ changed: true });
    // The rename moved the pass's update time (what Apple's web service reports to the devices).
    expect((await h.db.walletPass.findUniqueOrThrow({ where: { ticketId: tickets[0]!.id } })).changedAt.getTime()).toBeGreaterThan(0);
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "ticket.rename", targetId: tickets[0]!.id } });
    expect(audit.actorId).toBeNull();

    for (const token of [
      orderAccessToken({ id: randomUUID(), buyerEmail: full.buyerEmail }, until),
      orderAccessToken({ ...full, buyerEmail: "x@example.com" }, until),
      "v1.junk",
    ]) {
      await expect((await guest(token)).ticket.rename({ orderId: order.id, ticketId: tickets[0]!.id, holderName: "Mallory" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect((await h.callerAs(null, { clock })).ticket.selfService({ orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
