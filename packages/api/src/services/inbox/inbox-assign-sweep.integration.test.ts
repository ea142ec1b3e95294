// Round-robin assignment when a conversation opens, and the sweeper (snoozes that ended,
// auto-solve of long-pending conversations), against real PostgreSQL.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { openConversation } from "./inbox-test-kit.ts";
import { sweepConversations } from "./sweep.ts";

const h = useHarness();
const T0 = new Date("2026-05-04T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function teamWithAutoAssign(maxOpenPerAgent: number) {
  const org = await h.make.organization();
  await h.db.supportSettings.create({ data: { organizationId: org.id, autoAssign: true, maxOpenPerAgent } });
  const ana = await h.make.member(org.id, "SUPPORT_AGENT", { name: "Ana" });
  const ben = await h.make.member(org.id, "SUPPORT_AGENT", { name: "Ben" });
  // Never assigned: door staff and box office (no support.answer).
  await h.make.member(org.id, "DOOR_STAFF");
  await h.make.member(org.id, "BOX_OFFICE");
  return { organizationId: org.id, ana, ben };
}

const assigneeOf = async (id: string) => (await h.db.supportConversation.findUniqueOrThrow({ where: { id } })).assigneeId;

describe("round-robin assignment", () => {
  it("takes turns among available agents, skips the unavailable, respects the cap, and leaves unassigned when nobody has room", async () => {
    const { organizationId, ana, ben } = await teamWithAutoAssign(2);
    const first = await openConversation(h.db, organizationId, {}, at(1));
    const second = await openConversation(h.db, organizationId, {}, at(2));
    expect([await assigneeOf(first.id), await assigneeOf(second.id)].sort()).toEqual([ana.id, ben.id].sort());
    const third = await openConversation(h.db, organizationId, {}, at(3));
    // The least recently assigned is the first one's agent.
    expect(await assigneeOf(third.id)).toBe(await assigneeOf(first.id));
    const messages = await h.db.supportMessage.findMany({ where: { conversationId: third.id, authorKind: "SYSTEM" } });
    expect(messages).toEqual([
      expect.objectContaining({ systemEvent: "assigned", internal: true, body: expect.stringMatching(/^Assigned to (Ana|Ben) automatically$/) }),
    ]);

    // The first agent now has two open (the cap): the next goes to the other one, then nobody has room.
    const fourth = await openConversation(h.db, organizationId, {}, at(4));
    expect(await assigneeOf(fourth.id)).toBe(await assigneeOf(second.id));
    const fifth = await openConversation(h.db, organizationId, {}, at(5));
    expect(await assigneeOf(fifth.id)).toBeNull();

    // A solved conversation frees a place; an unavailable agent gets none.
    const caller = await h.callerAs(ana.id, { app: "admin", clock: fixedClock(at(6)) });
    const anas = await h.db.supportConversation.findMany({ where: { assigneeId: ana.id } });
    const bens = await h.db.supportConversation.findMany({ where: { assigneeId: ben.id } });
    await caller.inbox.update({ organizationId, conversationId: anas[0]!.id, status: "RESOLVED" });
    await caller.inbox.update({ organizationId, conversationId: bens[0]!.id, status: "RESOLVED" });
    await h.db.supportAgentState.update({ where: { organizationId_userId: { organizationId, userId: ana.id } }, data: { available: false } });
    const sixth = await openConversation(h.db, organizationId, {}, at(7));
    expect(await assigneeOf(sixth.id)).toBe(ben.id);
  });

  it("assigns two conversations opened at the same moment to two different agents", async () => {
    const { organizationId, ana, ben } = await teamWithAutoAssign(10);
    const [one, two] = await Promise.all([openConversation(h.db, organizationId, {}, at(1)), openConversation(h.db, organizationId, {}, at(1))]);
    expect([await assigneeOf(one.id), await assigneeOf(two.id)].sort()).toEqual([ana.id, ben.id].sort());
  });

  it("does nothing while the organisation has not turned it on", async () => {
    const org = await h.make.organization();
    await h.make.member(org.id, "SUPPORT_AGENT");
    const c = await openConversation(h.db, org.id);
    expect(await assigneeOf(c.id)).toBeNull();
    expect(await h.db.supportMessage.count({ where: { conversationId: c.id, authorKind: "SYSTEM" } })).toBe(0);
  });
});

describe("sweepConversations", () => {
  it("wakes snoozes that ended and solves conversations pending longer than auto-solve, once", async () => {
    const org = await h.make.organization();
    await h.db.supportSettings.create({ data: { organizationId: org.id, autoSolvePendingDays: 3 } });
    const agent = await h.make.member(org.id, "SUPPORT_AGENT");
    const caller = await h.callerAs(agent.id, { app: "admin", clock: fixedClock(at(10)) });
    const organizationId = org.id;
    const [snoozeEnds, snoozeLater, pendingLong, pendingShort] = await Promise.all([1, 2, 3, 4].map((n) => openConversation(h.db, organizationId, {}, at(n))));
    await caller.inbox.update({ organizationId, conversationId: snoozeEnds!.id, status: "SNOOZED", snoozedUntil: at(60) });
    await caller.inbox.update({ organizationId, conversationId: snoozeLater!.id, status: "SNOOZED", snoozedUntil: at(60 * 24 * 10) });
    await caller.inbox.reply({ organizationId, conversationId: pendingLong!.id, body: "Does this help?", lastSeenMessageId: null, force: true });
    const later = await h.callerAs(agent.id, { app: "admin", clock: fixedClock(at(60 * 24 * 2)) });
    await later.inbox.reply({ organizationId, conversationId: pendingShort!.id, body: "And this?", lastSeenMessageId: null, force: true });

    const now = at(60 * 24 * 3 + 11);
    // This organisation only: other test files' conversations are not this test's to change.
    expect(await sweepConversations(h.db, now, { organizationId })).toEqual({ woken: 1, solved: 1 });
    const status = async (id: string) => (await h.db.supportConversation.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(snoozeEnds!.id), await status(snoozeLater!.id), await status(pendingLong!.id), await status(pendingShort!.id)]).toEqual([
      "OPEN",
      "SNOOZED",
      "RESOLVED",
      "PENDING",
    ]);
    const events = async (id: string) =>
      (await h.db.supportMessage.findMany({ where: { conversationId: id, authorKind: "SYSTEM" }, orderBy: { createdAt: "asc" } })).map((m) => m.body);
    expect((await events(snoozeEnds!.id)).at(-1)).toBe("Snooze ended");
    expect((await events(pendingLong!.id)).at(-1)).toBe("Solved automatically after 3 days waiting for the buyer");
    const announced = await h.db.outboxEvent.count({
      where: { topic: "support.conversation-changed", aggregateId: { in: [snoozeEnds!.id, pendingLong!.id] } },
    });

    // Again: nothing more for these.
    expect(await sweepConversations(h.db, now, { organizationId })).toEqual({ woken: 0, solved: 0 });
    expect(await events(snoozeEnds!.id)).toHaveLength(2);
    expect(await events(pendingLong!.id)).toHaveLength(1);
    expect(await h.db.outboxEvent.count({ where: { topic: "support.conversation-changed", aggregateId: { in: [snoozeEnds!.id, pendingLong!.id] } } })).toBe(
      announced,
    );
  });
});
