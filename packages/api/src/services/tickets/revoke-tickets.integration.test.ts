// revokeTickets and the revocation list scanners download, against real PostgreSQL.
import { decodeRevocationList, verifyTicketCode } from "@marquee/tickets";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { issueTickets } from "./issue-tickets.ts";
import { revokeTickets } from "./revoke-tickets.ts";
import { eventRevocationList, eventVerificationKeys } from "./scanner-downloads.ts";
import { orderWithLines, seatedEvent, ticketDeps } from "./tickets-test-kit.ts";

const h = useHarness();

describe("revokeTickets", () => {
  it("puts a revoked ticket on the event's list, where scanners refuse it; revoking again changes nothing", async () => {
    const kit = await seatedEvent(h);
    const { tickets } = await issueTickets(ticketDeps(h), { orderId: (await orderWithLines(h, kit)).id });
    const [revoked, kept] = [tickets[0]!, tickets[1]!];
    const clock = fixedClock(new Date("2026-11-26T12:00:00Z"));

    expect(await revokeTickets({ db: h.db, clock }, { ticketIds: [revoked.id], reason: "refund" })).toEqual({
      revokedTicketIds: [revoked.id],
      alreadyRevokedTicketIds: [],
    });
    const list = await eventRevocationList({ db: h.db, clock }, kit.event.id);
    expect(list).toMatchObject({ eventId: kit.event.id, size: 1, generatedAt: clock.now() });
    const decoded = decodeRevocationList(list.encoded)!;
    expect(decoded.ticketIds()).toEqual([revoked.id]);

    const keys = await eventVerificationKeys({ db: h.db }, kit.event.id);
    const verify = (code: string) => verifyTicketCode(code, { eventId: kit.event.id, keys, revoked: decoded, now: kit.event.startsAt });
    expect(await verify(revoked.signedCode)).toEqual({ ok: false, reason: "REVOKED" });
    expect(await verify(kept.signedCode)).toMatchObject({ ok: true });

    const row = await h.db.ticket.findUniqueOrThrow({ where: { id: revoked.id } });
    expect(row).toMatchObject({ status: "REVOKED", revokedAt: clock.now(), revokeReason: "refund" });

    clock.advance(60_000);
    expect(await revokeTickets({ db: h.db, clock }, { ticketIds: [revoked.id], reason: "again" })).toEqual({
      revokedTicketIds: [],
      alreadyRevokedTicketIds: [revoked.id],
    });
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: revoked.id } })).toEqual(row);
    expect(decodeRevocationList((await eventRevocationList({ db: h.db, clock }, kit.event.id)).encoded)!.ticketIds()).toEqual([revoked.id]);
    // A repeated issueTickets does not replace the revoked ticket.
    expect((await issueTickets(ticketDeps(h), { orderId: revoked.orderId })).issuedCount).toBe(0);
  });

  it("revokes all or nothing: an unknown ticket id is NOT_FOUND and nothing changes", async () => {
    const kit = await seatedEvent(h);
    const { tickets } = await issueTickets(ticketDeps(h), { orderId: (await orderWithLines(h, kit, { gaQuantity: 1 })).id });
    const deps = ticketDeps(h);
    await expect(revokeTickets(deps, { ticketIds: [tickets[0]!.id, "0190a0a0-0000-7000-8000-000000000000"], reason: "refund" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(revokeTickets(deps, { ticketIds: [tickets[0]!.id], reason: "  " })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    expect(await h.db.ticket.count({ where: { orderId: tickets[0]!.orderId, status: "REVOKED" } })).toBe(0);
    expect((await eventRevocationList(deps, kit.event.id)).size).toBe(0);
  });

  it("revokes each ticket once under concurrent calls", async () => {
    const kit = await seatedEvent(h);
    const { tickets } = await issueTickets(ticketDeps(h), { orderId: (await orderWithLines(h, kit)).id });
    const ids = tickets.map((ticket) => ticket.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => revokeTickets(ticketDeps(h), { ticketIds: ids, reason: "event cancelled" })));
    expect(results.flatMap((result) => result.revokedTicketIds).sort()).toEqual([...ids].sort());
    expect((await eventRevocationList(ticketDeps(h), kit.event.id)).size).toBe(4);
  });
});
