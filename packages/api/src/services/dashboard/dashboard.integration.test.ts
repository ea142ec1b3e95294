import { createAdminCaller } from "../../root.ts";
import { createContextInner } from "../../context.ts";
import { loadSessionUser } from "../../session.ts";
import { useHarness } from "../../testing/harness.ts";
import { describe, expect, it } from "vitest";
import { recordSalesMessage } from "./apply-sales.ts";
import { makePaidOrder, recordingRealtime } from "./dashboard-test-kit.ts";

const h = useHarness();
const NOW = new Date("2026-03-10T15:30:00.000Z");
const clock = { now: () => new Date(NOW) };

async function eventWithTwoTypes() {
  const { organization, event, ticketType } = await h.make.gaEvent();
  const second = await h.make.ticketType(event.id, { name: "Balcony" }, 4000);
  return { organizationId: organization.id, event, typeA: ticketType, typeB: second };
}

const minutesOf = (db: typeof h.db, eventId: string) => db.salesMinute.findMany({ where: { eventId }, orderBy: [{ minute: "asc" }, { ticketsSold: "desc" }] });

describe("sales minutes (analytics worker)", () => {
  it("adds a paid order to its minute per ticket type once, however often the message comes", async () => {
    const { event, typeA, typeB } = await eventWithTwoTypes();
    const { order } = await makePaidOrder(h.db, event, new Date("2026-03-10T10:05:42Z"), [
      { ticketTypeId: typeA.id, quantity: 2, unitPriceMinor: 2500 },
      { ticketTypeId: typeB.id, quantity: 1, unitPriceMinor: 4000 },
    ]);
    const first = await recordSalesMessage(h.db, `outbox-${order.id}`, { topic: "order.paid", orderId: order.id });
    expect(first).toEqual({ organizationId: event.organizationId, eventId: event.id });
    const again = await Promise.all([1, 2, 3].map(() => recordSalesMessage(h.db, `outbox-${order.id}`, { topic: "order.paid", orderId: order.id })));
    expect(again).toEqual([null, null, null]);
    const rows = await minutesOf(h.db, event.id);
    expect(rows.map((r) => [r.minute.toISOString(), r.ticketTypeId, r.channel, r.ticketsSold, Number(r.revenueMinor), r.ordersPaid])).toEqual([
      ["2026-03-10T10:05:00.000Z", typeA.id, "ONLINE", 2, 5000, expect.any(Number)],
      ["2026-03-10T10:05:00.000Z", typeB.id, "ONLINE", 1, 4000, expect.any(Number)],
    ]);
    expect(rows.reduce((sum, r) => sum + r.ordersPaid, 0)).toBe(1);
  });

  it("a completed refund lands in its own minute with its tickets' types; redelivered, it changes nothing", async () => {
    const { event, typeA, typeB } = await eventWithTwoTypes();
    const { order, ticketIds } = await makePaidOrder(h.db, event, new Date("2026-03-10T10:05:00Z"), [
      { ticketTypeId: typeA.id, quantity: 2, unitPriceMinor: 2500 },
      { ticketTypeId: typeB.id, quantity: 1, unitPriceMinor: 4000 },
    ]);
    const payment = await h.db.payment.create({ data: { orderId: order.id, amountMinor: order.totalMinor, currency: "EUR", status: "CAPTURED" } });
    const refund = await h.db.refund.create({
      data: { orderId: order.id, paymentId: payment.id, amountMinor: 6500, currency: "EUR", status: "SUCCEEDED", ticketIds: [ticketIds[0]!, ticketIds[2]!] },
    });
    await h.db.$executeRaw`UPDATE "Refund" SET "updatedAt" = '2026-03-10 11:17:30' WHERE id = ${refund.id}::uuid`;
    const pending = await h.db.refund.create({ data: { orderId: order.id, paymentId: payment.id, amountMinor: 100, currency: "EUR", status: "PENDING" } });
    expect(await recordSalesMessage(h.db, `outbox-${pending.id}`, { topic: "refund.completed", refundId: pending.id })).toBeNull();
    expect(await recordSalesMessage(h.db, `outbox-${refund.id}`, { topic: "refund.completed", refundId: refund.id })).not.toBeNull();
    expect(await recordSalesMessage(h.db, `outbox-${refund.id}`, { topic: "refund.completed", refundId: refund.id })).toBeNull();
    const rows = (await minutesOf(h.db, event.id)).filter((r) => r.ticketsRefunded > 0);
    expect(rows.map((r) => [r.minute.toISOString(), r.ticketTypeId, r.ticketsRefunded]).sort()).toEqual(
      [
        ["2026-03-10T11:17:00.000Z", typeA.id, 1],
        ["2026-03-10T11:17:00.000Z", typeB.id, 1],
      ].sort(),
    );
    expect(rows.reduce((sum, r) => sum + Number(r.refundedMinor), 0)).toBe(6500);
  });
});

describe("dashboard procedures", () => {
  async function soldEvent() {
    const setup = await eventWithTwoTypes();
    const owner = await h.make.member(setup.organizationId, "OWNER");
    for (const [at, quantity, key] of [
      ["2026-03-10T10:05:00Z", 2, "a"],
      ["2026-03-10T10:40:00Z", 1, "b"],
      ["2026-03-08T09:00:00Z", 4, "c"],
    ] as const) {
      const { order } = await makePaidOrder(h.db, setup.event, new Date(at), [{ ticketTypeId: setup.typeA.id, quantity, unitPriceMinor: 2500 }]);
      await recordSalesMessage(h.db, `outbox-${setup.event.id}-${key}`, { topic: "order.paid", orderId: order.id });
    }
    await h.db.ticketType.update({ where: { id: setup.typeA.id }, data: { soldCount: 7 } });
    const cart = await h.make.cart();
    for (const minutesAgo of [5, 50, 100, 200]) {
      const createdAt = new Date(NOW.getTime() - minutesAgo * 60_000);
      await h.db.hold.create({ data: { eventId: setup.event.id, cartId: cart.id, createdAt, expiresAt: new Date(createdAt.getTime() + 10 * 60_000) } });
    }
    await h.db.scan.createMany({
      data: [
        { eventId: setup.event.id, nonce: `n-${setup.event.id}-1`, result: "ACCEPTED", scannedAt: NOW },
        { eventId: setup.event.id, nonce: `n-${setup.event.id}-2`, result: "ALREADY_USED", scannedAt: NOW },
      ],
    });
    return { ...setup, caller: await h.callerAs(owner.id, { app: "admin", clock }) };
  }

  it("buckets one event's sales by range, type and channel, with live gauges and conversion", async () => {
    const { organizationId, event, typeA, typeB, caller } = await soldEvent();
    const today = await caller.dashboard.event({ organizationId, eventId: event.id, range: "today", timeZone: "UTC" });
    expect(today.from.toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(today.series).toHaveLength(16);
    expect(today.series[10]).toMatchObject({ ticketsSold: 3, revenueMinor: 7500, ordersPaid: 2 });
    expect(today.series.reduce((sum, b) => sum + b.ticketsSold, 0)).toBe(3);
    expect(today.kpis).toMatchObject({ ticketsSold: 3, netRevenueMinor: 7500, ordersPaid: 2, holdsCreated: 4, conversion: 0.5, checkIns: 1 });
    expect(today.kpis.holdsInFlight).toBe(1);
    expect(today.kpis.remaining).toBe(100 - 7 + 100);
    expect(today.byTicketType.map((t) => [t.ticketTypeId, t.ticketsSold])).toEqual(
      expect.arrayContaining([
        [typeA.id, 3],
        [typeB.id, 0],
      ]),
    );
    expect(today.byChannel).toEqual([expect.objectContaining({ channel: "ONLINE", ticketsSold: 3 })]);

    const berlin = await caller.dashboard.event({ organizationId, eventId: event.id, range: "today", timeZone: "Europe/Berlin" });
    expect(berlin.from.toISOString()).toBe("2026-03-09T23:00:00.000Z");

    const week = await caller.dashboard.event({ organizationId, eventId: event.id, range: "7d", timeZone: "UTC" });
    expect(week.bucketSeconds).toBe(6 * 3600);
    expect(week.kpis.ticketsSold).toBe(7);
    const all = await caller.dashboard.event({ organizationId, eventId: event.id, range: "all", timeZone: "UTC" });
    expect(all.series.length).toBeLessThanOrEqual(120);
    expect(all.series.reduce((sum, b) => sum + b.ticketsSold, 0)).toBe(7);

    const overview = await caller.dashboard.organization({ organizationId, range: "30d", timeZone: "UTC" });
    expect(overview.kpis.ticketsSold).toBe(7);
    expect(overview.byEvent).toEqual([expect.objectContaining({ eventId: event.id, ticketsSold: 7, revenueMinor: 17_500 })]);
  });

  it("refuses another organisation's event (NOT_FOUND), other organisations (FORBIDDEN), door staff (FORBIDDEN) and bad input", async () => {
    const { organizationId, event } = await soldEvent();
    const other = await h.memberOf("OWNER");
    await expect(other.caller.dashboard.event({ organizationId: other.organizationId, eventId: event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.caller.dashboard.event({ organizationId, eventId: event.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.caller.dashboard.organization({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const door = await h.callerAs((await h.make.member(organizationId, "DOOR_STAFF")).id, { app: "admin" });
    await expect(door.dashboard.event({ organizationId, eventId: event.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(door.dashboard.organization({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const support = await h.callerAs((await h.make.member(organizationId, "SUPPORT_AGENT")).id, { app: "admin" });
    await expect(support.dashboard.organization({ organizationId, timeZone: "Mars/Olympus" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(support.dashboard.organization({ organizationId })).resolves.toMatchObject({ range: "7d" });
  });
});

describe("console channel auth (realtime.authorize on the admin router)", () => {
  async function callerWithRealtime(userId: string) {
    const user = await h.db.user.findUniqueOrThrow({ where: { id: userId } });
    const session = await loadSessionUser(h.db, { sub: userId, sessionVersion: user.sessionVersion });
    return createAdminCaller(
      createContextInner({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, queues: h.queues, session, realtime: recordingRealtime() }),
    );
  }

  it("signs private-org-<id> for members who may view events, and nothing else", async () => {
    const a = await h.memberOf("BOX_OFFICE");
    const b = await h.memberOf("OWNER");
    const caller = await callerWithRealtime(a.userId);
    const socket_id = "123.456";
    await expect(caller.realtime.authorize({ organizationId: a.organizationId, socket_id, channel_name: `private-org-${a.organizationId}` })).resolves.toEqual({
      auth: `key:signed(${socket_id}:private-org-${a.organizationId})`,
    });
    await expect(
      caller.realtime.authorize({ organizationId: a.organizationId, socket_id, channel_name: `private-org-${b.organizationId}` }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      caller.realtime.authorize({ organizationId: b.organizationId, socket_id, channel_name: `private-org-${b.organizationId}` }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      caller.realtime.authorize({ organizationId: a.organizationId, socket_id, channel_name: "private-queue-0190f0c0-0000-7000-8000-000000000001" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const door = await callerWithRealtime((await h.make.member(a.organizationId, "DOOR_STAFF")).id);
    await expect(
      door.realtime.authorize({ organizationId: a.organizationId, socket_id, channel_name: `private-org-${a.organizationId}` }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
