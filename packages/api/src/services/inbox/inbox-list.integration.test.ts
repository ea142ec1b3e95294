// inbox.list and inbox.counts against real PostgreSQL: views, whose, labels, search, keyset pages,
// and the SLA badge on a fixed clock.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { replyToConversation } from "../support/reply-to-conversation.ts";
import { openConversation } from "./inbox-test-kit.ts";

const h = useHarness();
const T0 = new Date("2026-03-02T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function agentDesk(at = T0) {
  const clock = fixedClock(at);
  const { organizationId, userId } = await h.memberOf("SUPPORT_AGENT");
  const caller = await h.callerAs(userId, { app: "admin", clock });
  return { organizationId, userId, caller, clock };
}

const ids = (list: { items: { id: string }[] }) => list.items.map((item) => item.id).sort();

describe("inbox.list views and filters", () => {
  it("puts each conversation in its view, counts them, and leaves merged ones out", async () => {
    const { organizationId, userId, caller } = await agentDesk(minutes(600));
    const email = `same-${randomUUID().slice(0, 6)}@example.test`;
    const open = await openConversation(h.db, organizationId, { requesterEmail: email }, minutes(1));
    const pending = await openConversation(h.db, organizationId, {}, minutes(2));
    const snoozed = await openConversation(h.db, organizationId, {}, minutes(3));
    const snoozeOver = await openConversation(h.db, organizationId, {}, minutes(4));
    const solved = await openConversation(h.db, organizationId, {}, minutes(5));
    const merged = await openConversation(h.db, organizationId, { requesterEmail: email }, minutes(6));
    const input = { organizationId, lastSeenMessageId: null, force: true };
    await caller.inbox.reply({ ...input, conversationId: pending.id, body: "Here you are." });
    await caller.inbox.update({ organizationId, conversationId: snoozed.id, status: "SNOOZED", snoozedUntil: minutes(2000) });
    await caller.inbox.update({ organizationId, conversationId: snoozeOver.id, status: "SNOOZED", snoozedUntil: minutes(700) });
    await caller.inbox.update({ organizationId, conversationId: solved.id, status: "RESOLVED" });
    await caller.inbox.merge({ organizationId, conversationId: merged.id, intoConversationId: open.id });

    // The snooze of snoozeOver passed: open again in the list (the sweeper writes it down later).
    const later = await h.callerAs(userId, { app: "admin", clock: fixedClock(minutes(800)) });
    const view = async (v: "open" | "pending" | "snoozed" | "solved" | "breached" | "all") => ids(await later.inbox.list({ organizationId, view: v }));
    expect(await view("open")).toEqual([open.id, snoozeOver.id].sort());
    expect(await view("pending")).toEqual([pending.id]);
    expect(await view("snoozed")).toEqual([snoozed.id]);
    expect(await view("solved")).toEqual([solved.id]);
    expect(await view("all")).toEqual([open.id, pending.id, snoozed.id, snoozeOver.id, solved.id].sort());
    const listed = await later.inbox.list({ organizationId, view: "open" });
    expect(listed.items.find((item) => item.id === snoozeOver.id)).toMatchObject({ status: "OPEN" });
    // The default first-response target is 4 hours: both open ones are overdue at minute 800.
    expect(await view("breached")).toEqual([open.id, snoozed.id, snoozeOver.id].sort());
    expect(await later.inbox.counts({ organizationId, assignee: "all" })).toEqual({ open: 2, pending: 1, snoozed: 1, solved: 1, breached: 3, all: 5 });
    // Searched by its number, the merged one is found (people quote it).
    const byNumber = await later.inbox.list({ organizationId, view: "open", q: `#${merged.number}` });
    expect(ids(byNumber)).toEqual([merged.id]);
    // Bare digits are also text: the conversation so numbered, one whose subject quotes them, and
    // the one it was merged into (the merge note names "#<number>").
    const quoting = await openConversation(h.db, organizationId, { subject: `Booking ${merged.number} was charged twice` });
    const byDigits = await later.inbox.list({ organizationId, view: "all", q: String(merged.number) });
    expect(ids(byDigits)).toEqual([merged.id, quoting.id, open.id].sort());
  });

  it("filters by assignee (mine, unassigned, one agent) and label, and previews the last message", async () => {
    const { organizationId, userId, caller } = await agentDesk(minutes(10));
    const other = await h.make.member(organizationId, "ADMIN");
    const [mine, theirs, nobodys] = await Promise.all([1, 2, 3].map((n) => openConversation(h.db, organizationId, {}, minutes(n))));
    await caller.inbox.update({ organizationId, conversationId: mine!.id, assigneeId: userId, labels: ["refund", "vip"] });
    await caller.inbox.update({ organizationId, conversationId: theirs!.id, assigneeId: other.id, labels: ["refund"] });
    await caller.inbox.reply({
      organizationId,
      conversationId: mine!.id,
      body: "A note\n for the   team",
      internal: true,
      lastSeenMessageId: null,
      force: true,
    });
    const list = (input: object) => caller.inbox.list({ organizationId, view: "all", ...input });
    expect(ids(await list({ assignee: "mine" }))).toEqual([mine!.id]);
    expect(ids(await list({ assignee: "unassigned" }))).toEqual([nobodys!.id]);
    expect(ids(await list({ assignee: other.id }))).toEqual([theirs!.id]);
    expect(ids(await list({ label: "refund" }))).toEqual([mine!.id, theirs!.id].sort());
    expect(ids(await list({ label: "VIP" }))).toEqual([mine!.id]);
    const [item] = (await list({ assignee: "mine" })).items;
    // System events (the assignment) are not previews; the note is.
    expect(item).toMatchObject({ preview: "A note for the team", assignee: { id: userId }, labels: ["refund", "vip"] });
    expect(await caller.inbox.counts({ organizationId, assignee: "mine" })).toMatchObject({ open: 1, all: 1 });
  });

  it("searches by buyer name, e-mail, order reference, number and words of the subject and messages", async () => {
    const { organizationId, caller } = await agentDesk();
    const tag = randomUUID().slice(0, 6);
    const a = await openConversation(h.db, organizationId, {
      requesterName: `Grace Hopper ${tag}`,
      subject: "Parking question",
      body: "Is there a garage nearby?",
    });
    const b = await openConversation(h.db, organizationId, {
      requesterEmail: `linus-${tag}@example.test`,
      subject: "Invoice needed",
      body: "Please send a VAT invoice",
    });
    const search = async (q: string) => ids(await caller.inbox.list({ organizationId, view: "all", q }));
    expect(await search(`hopper ${tag}`)).toEqual([a.id]);
    expect(await search(`LINUS-${tag}`)).toEqual([b.id]);
    expect(await search("garage parking")).toEqual([a.id]);
    expect(await search("vat invoice")).toEqual([b.id]);
    expect(await search(String(b.number))).toEqual([b.id]);
    expect(await search(`#${a.number}`)).toEqual([a.id]);
    expect(await search("nothing-like-this")).toEqual([]);
    // LIKE's wildcards are plain text here.
    expect(await search("%")).toEqual([]);
    expect(await search("g_rage")).toEqual([]);
  });

  it("finds a conversation by its order's reference", async () => {
    const { organizationId, caller } = await agentDesk();
    const { event } = await h.make.gaEvent({});
    const reference = `MQ-${randomUUID().slice(0, 8).toUpperCase()}`;
    const order = await h.db.order.create({
      data: {
        reference,
        organizationId,
        eventId: event.id,
        status: "PAID",
        buyerName: "Ada",
        buyerEmail: "ada@example.test",
        currency: "EUR",
        subtotalMinor: 100,
        totalMinor: 100,
      },
    });
    const c = await openConversation(h.db, organizationId, { orderId: order.id, eventId: event.id });
    await openConversation(h.db, organizationId);
    const found = await caller.inbox.list({ organizationId, view: "all", q: reference.toLowerCase() });
    expect(found.items.map((item) => [item.id, item.orderReference])).toEqual([[c.id, reference]]);
  });

  it("pages by last activity with an opaque cursor, without repeats or gaps, and refuses a forged cursor", async () => {
    const { organizationId, caller } = await agentDesk();
    const opened = [];
    // Two share a timestamp: the id breaks the tie.
    for (const n of [1, 2, 3, 3, 4]) opened.push(await openConversation(h.db, organizationId, {}, minutes(n)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.inbox.list({ organizationId, view: "all", limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe(opened[4]!.id);
    expect(seen[4]).toBe(opened[0]!.id);
    await expect(caller.inbox.list({ organizationId, cursor: "not-a-cursor" })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "cursor" } },
    });
  });
});

describe("SLA badge", () => {
  it("is ok, then amber under a quarter of the window, then red; next-response after the buyer writes again", async () => {
    const { organizationId, userId } = await agentDesk();
    await h.db.supportSettings.upsert({
      where: { organizationId },
      create: { organizationId, firstResponseMinutes: 60, nextResponseMinutes: 120 },
      update: { firstResponseMinutes: 60, nextResponseMinutes: 120 },
    });
    const c = await openConversation(h.db, organizationId, {}, T0);
    const at = async (n: number) => {
      const caller = await h.callerAs(userId, { app: "admin", clock: fixedClock(minutes(n)) });
      return (await caller.inbox.list({ organizationId, view: "all" })).items.find((item) => item.id === c.id)!.sla;
    };
    expect(await at(10)).toEqual({ kind: "first-response", state: "ok", dueAt: minutes(60) });
    expect(await at(44)).toMatchObject({ state: "ok" });
    expect(await at(46)).toMatchObject({ state: "warning" });
    expect(await at(61)).toMatchObject({ state: "breached" });
    const late = await h.callerAs(userId, { app: "admin", clock: fixedClock(minutes(61)) });
    expect(ids(await late.inbox.list({ organizationId, view: "breached" }))).toEqual([c.id]);

    await late.inbox.reply({ organizationId, conversationId: c.id, body: "Sorry for the wait.", lastSeenMessageId: null, force: true });
    expect(await at(62)).toEqual({ kind: null, state: "none", dueAt: null });
    await replyToConversation({ db: h.db, clock: fixedClock(minutes(100)) }, null, { conversationId: c.id, message: "Still nothing" }, c.accessToken);
    expect(await at(110)).toEqual({ kind: "next-response", state: "ok", dueAt: minutes(220) });
    expect(await at(200)).toMatchObject({ kind: "next-response", state: "warning" });
    expect(await at(221)).toMatchObject({ kind: "next-response", state: "breached" });
  });
});
