// inbox.update and inbox.merge against real PostgreSQL: a system event, an audit entry and an
// announcement per real change (none without one), the rules of each field, and merging.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { getThread } from "../support/get-thread.ts";
import { replyToConversation } from "../support/reply-to-conversation.ts";
import { openConversation } from "./inbox-test-kit.ts";

const h = useHarness();
const NOW = new Date("2026-04-01T12:00:00.000Z");

async function desk() {
  const org = await h.make.organization();
  const ana = await h.make.member(org.id, "SUPPORT_AGENT", { name: "Ana Alvarez" });
  const ben = await h.make.member(org.id, "ADMIN", { name: "Ben Brown" });
  const caller = await h.callerAs(ana.id, { app: "admin", clock: fixedClock(NOW) });
  return { organizationId: org.id, ana, ben, caller };
}

const systemEvents = (conversationId: string) =>
  h.db.supportMessage.findMany({
    where: { conversationId, authorKind: "SYSTEM" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { systemEvent: true, body: true, data: true, internal: true },
  });

describe("inbox.update", () => {
  it("writes one system event, one audit entry and announcements per real change, and nothing when nothing changes", async () => {
    const { organizationId, ana, ben, caller } = await desk();
    const c = await openConversation(h.db, organizationId, {}, new Date(NOW.getTime() - 60_000));
    const result = await caller.inbox.update({
      organizationId,
      conversationId: c.id,
      assigneeId: ben.id,
      priority: "URGENT",
      labels: ["refund", "refund", "vip"],
    });
    expect(result.changed).toEqual(["assignee", "priority", "labels"]);
    expect(await systemEvents(c.id)).toEqual([
      { systemEvent: "assigned", body: "Ana Alvarez assigned this to Ben Brown", internal: true, data: expect.objectContaining({ assigneeId: ben.id }) },
      {
        systemEvent: "priority.changed",
        body: "Ana Alvarez changed the priority from normal to urgent",
        internal: true,
        data: { from: "NORMAL", to: "URGENT" },
      },
      {
        systemEvent: "labels.changed",
        body: "Ana Alvarez added refund, vip",
        internal: true,
        data: { added: ["refund", "vip"], removed: [], labels: ["refund", "vip"] },
      },
    ]);
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      assigneeId: ben.id,
      priority: "URGENT",
      labels: ["refund", "vip"],
    });
    const audit = await h.db.auditLog.findMany({ where: { organizationId, targetId: c.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "support.conversation-update",
        actorId: ana.id,
        data: expect.objectContaining({
          before: { assigneeId: null, priority: "NORMAL", labels: [] },
          after: { assigneeId: ben.id, priority: "URGENT", labels: ["refund", "vip"] },
        }),
      }),
    ]);
    const changes = await h.db.outboxEvent.findMany({ where: { aggregateId: c.id, topic: "support.conversation-changed" }, orderBy: { id: "asc" } });
    expect(changes.map((event) => (event.payload as { change: string }).change)).toEqual(["opened", "assignee", "priority", "labels"]);

    // The same again: no message, no audit entry.
    expect(
      (await caller.inbox.update({ organizationId, conversationId: c.id, assigneeId: ben.id, priority: "URGENT", labels: ["vip", "refund"] })).changed,
    ).toEqual([]);
    expect(await systemEvents(c.id)).toHaveLength(3);
    expect(await h.db.auditLog.count({ where: { organizationId, targetId: c.id } })).toBe(1);

    await caller.inbox.update({ organizationId, conversationId: c.id, assigneeId: null, labels: ["vip"] });
    expect((await systemEvents(c.id)).slice(3).map((m) => m.body)).toEqual(["Ana Alvarez unassigned Ben Brown", "Ana Alvarez removed refund"]);
    await caller.inbox.update({ organizationId, conversationId: c.id, assigneeId: ana.id });
    expect((await systemEvents(c.id)).at(-1)!.body).toBe("Ana Alvarez took this conversation");
  });

  it("solves (resolvedAt), snoozes until a future time within a year, and reopens (snooze cleared)", async () => {
    const { organizationId, caller } = await desk();
    const c = await openConversation(h.db, organizationId, {}, new Date(NOW.getTime() - 60_000));
    await caller.inbox.update({ organizationId, conversationId: c.id, status: "RESOLVED" });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "RESOLVED",
      resolvedAt: NOW,
      waitingSince: null,
    });
    const until = new Date(NOW.getTime() + 86_400_000);
    await caller.inbox.update({ organizationId, conversationId: c.id, status: "SNOOZED", snoozedUntil: until });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "SNOOZED",
      snoozedUntil: until,
      resolvedAt: null,
    });
    await caller.inbox.update({ organizationId, conversationId: c.id, status: "OPEN" });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "OPEN", snoozedUntil: null });
    expect((await systemEvents(c.id)).map((m) => m.data)).toEqual([
      { from: "OPEN", to: "RESOLVED", snoozedUntil: null },
      { from: "RESOLVED", to: "SNOOZED", snoozedUntil: until.toISOString() },
      { from: "SNOOZED", to: "OPEN", snoozedUntil: null },
    ]);
  });

  it("refuses a bad snooze, an assignee who does not answer support, and changes nothing", async () => {
    const { organizationId, caller } = await desk();
    const doorStaff = await h.make.member(organizationId, "DOOR_STAFF");
    const stranger = await h.make.user();
    const c = await openConversation(h.db, organizationId);
    const field = (f: string) => ({ cause: { code: "VALIDATION_ERROR", details: { field: f } } });
    await expect(caller.inbox.update({ organizationId, conversationId: c.id, status: "SNOOZED" })).rejects.toMatchObject(field("snoozedUntil"));
    await expect(
      caller.inbox.update({ organizationId, conversationId: c.id, status: "SNOOZED", snoozedUntil: new Date(NOW.getTime() - 1) }),
    ).rejects.toMatchObject(field("snoozedUntil"));
    await expect(
      caller.inbox.update({ organizationId, conversationId: c.id, status: "SNOOZED", snoozedUntil: new Date(NOW.getTime() + 400 * 86_400_000) }),
    ).rejects.toMatchObject(field("snoozedUntil"));
    await expect(caller.inbox.update({ organizationId, conversationId: c.id, snoozedUntil: new Date(NOW.getTime() + 60_000) })).rejects.toMatchObject(
      field("snoozedUntil"),
    );
    // A valid priority in the same call is not written either.
    await expect(caller.inbox.update({ organizationId, conversationId: c.id, priority: "HIGH", assigneeId: doorStaff.id })).rejects.toMatchObject(
      field("assigneeId"),
    );
    await expect(caller.inbox.update({ organizationId, conversationId: c.id, assigneeId: stranger.id })).rejects.toMatchObject(field("assigneeId"));
    await expect(caller.inbox.update({ organizationId, conversationId: c.id, labels: ["ok", "<script>"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await systemEvents(c.id)).toEqual([]);
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ priority: "NORMAL", assigneeId: null, status: "OPEN" });
  });
});

describe("inbox.merge", () => {
  it("moves A's messages to B in order, leaves A solved and pointing to B, and the buyer's old token reads and answers B", async () => {
    const { organizationId, caller } = await desk();
    const email = `grace-${randomUUID().slice(0, 6)}@example.test`;
    const a = await openConversation(h.db, organizationId, { requesterEmail: email, body: "First, in A" }, new Date(NOW.getTime() - 3_000));
    const b = await openConversation(h.db, organizationId, { requesterEmail: email, body: "Second, in B" }, new Date(NOW.getTime() - 2_000));
    await replyToConversation(
      { db: h.db, clock: fixedClock(new Date(NOW.getTime() - 1_000)) },
      null,
      { conversationId: a.id, message: "Third, in A" },
      a.accessToken,
    );
    await caller.inbox.update({ organizationId, conversationId: a.id, labels: ["refund"] });

    expect(await caller.inbox.merge({ organizationId, conversationId: a.id, intoConversationId: b.id })).toEqual({ conversationId: b.id });
    const into = await caller.inbox.get({ organizationId, conversationId: b.id });
    expect(into.messages.filter((m) => m.authorKind === "BUYER").map((m) => m.body)).toEqual(["First, in A", "Second, in B", "Third, in A"]);
    expect(into.messages.at(-1)).toMatchObject({ systemEvent: "merged", body: `Ana Alvarez merged #${a.number} into #${b.number}` });
    expect(into.labels).toEqual(["refund"]);
    const from = await caller.inbox.get({ organizationId, conversationId: a.id });
    expect(from).toMatchObject({ status: "RESOLVED", mergedInto: { id: b.id, number: b.number } });
    expect(await h.db.auditLog.count({ where: { organizationId, action: "support.conversation-merge", targetId: a.id } })).toBe(1);
    const merges = await h.db.outboxEvent.findMany({ where: { topic: "support.conversation-changed", aggregateId: { in: [a.id, b.id] } } });
    expect(
      merges
        .filter((event) => (event.payload as { change: string }).change === "merged")
        .map((e) => e.aggregateId)
        .sort(),
    ).toEqual([a.id, b.id].sort());

    // The buyer's link to A now shows B's thread, and an answer through it lands in B.
    const thread = await getThread({ db: h.db }, null, { conversationId: a.id }, a.accessToken);
    expect(thread.id).toBe(b.id);
    expect(thread.messages.map((m) => m.body)).toEqual(["First, in A", "Second, in B", "Third, in A"]);
    const answered = await replyToConversation({ db: h.db, clock: systemClock }, null, { conversationId: a.id, message: "Via the old link" }, a.accessToken);
    expect(await h.db.supportMessage.findUniqueOrThrow({ where: { id: answered.messageId } })).toMatchObject({ conversationId: b.id });
    // Replies to the merged one are refused, naming the target.
    await expect(caller.inbox.reply({ organizationId, conversationId: a.id, body: "x", lastSeenMessageId: null, force: true })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "CONVERSATION_MERGED", details: { mergedIntoId: b.id, mergedIntoNumber: b.number } },
    });
  });

  it("refuses itself, another buyer's conversation, and an already merged one", async () => {
    const { organizationId, caller } = await desk();
    const email = `lin-${randomUUID().slice(0, 6)}@example.test`;
    const a = await openConversation(h.db, organizationId, { requesterEmail: email });
    const b = await openConversation(h.db, organizationId, { requesterEmail: email });
    const c = await openConversation(h.db, organizationId, { requesterEmail: email });
    const someoneElse = await openConversation(h.db, organizationId);
    await expect(caller.inbox.merge({ organizationId, conversationId: a.id, intoConversationId: a.id })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR" },
    });
    await expect(caller.inbox.merge({ organizationId, conversationId: a.id, intoConversationId: someoneElse.id })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "intoConversationId" } },
    });
    await caller.inbox.merge({ organizationId, conversationId: a.id, intoConversationId: b.id });
    await expect(caller.inbox.merge({ organizationId, conversationId: a.id, intoConversationId: c.id })).rejects.toMatchObject({
      cause: { code: "CONVERSATION_MERGED" },
    });
    await expect(caller.inbox.merge({ organizationId, conversationId: c.id, intoConversationId: a.id })).rejects.toMatchObject({
      cause: { code: "CONVERSATION_MERGED" },
    });
    // B merged onwards into C: A now points to C directly (one hop for the buyer's link).
    await caller.inbox.merge({ organizationId, conversationId: b.id, intoConversationId: c.id });
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ mergedIntoId: c.id });
    expect((await getThread({ db: h.db }, null, { conversationId: a.id }, a.accessToken)).id).toBe(c.id);
  });
});
