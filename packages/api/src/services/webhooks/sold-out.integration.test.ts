import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { announceSoldOut } from "./announce-sold-out.ts";

// event.sold-out is written by the sale that takes the event's last ticket, and only by it.

const h = useHarness();

describe("announceSoldOut", () => {
  it("writes event.sold-out only when no ticket type of the event has a ticket left", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 2 });
    const second = await h.make.ticketType(event.id, { name: "Second", capacity: 1 });
    const sell = (typeId: string, count: number) =>
      h.db.$transaction(async (tx) => {
        await tx.ticketType.update({ where: { id: typeId }, data: { soldCount: { increment: count } } });
        return announceSoldOut(tx, event.id, [typeId]);
      });
    expect(await sell(ticketType.id, 1)).toBe(false);
    expect(await sell(ticketType.id, 1)).toBe(false); // the second type still has one
    expect(await sell(second.id, 1)).toBe(true);
    expect(await h.db.outboxEvent.count({ where: { topic: "event.sold-out", aggregateId: event.id } })).toBe(1);
  });

  it("two sales taking the last tickets of two types at once announce it exactly once", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 1 });
    const second = await h.make.ticketType(event.id, { name: "Second", capacity: 1 });
    const sell = (typeId: string) =>
      h.db.$transaction(async (tx) => {
        await tx.ticketType.update({ where: { id: typeId }, data: { soldCount: { increment: 1 } } });
        return announceSoldOut(tx, event.id, [typeId]);
      });
    const results = await Promise.all([sell(ticketType.id), sell(second.id)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await h.db.outboxEvent.count({ where: { topic: "event.sold-out", aggregateId: event.id } })).toBe(1);
  });
});
