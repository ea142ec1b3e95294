// The inbox tools: canned replies (CRUD, unique shortcuts, variables), the support settings and
// address, and the agents' list and availability, each refused for other organisations and roles.
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { consoleMember, openConversation } from "./inbox-tools-test-kit.ts";

const h = useHarness();

const SETTINGS = { firstResponseMinutes: 60, nextResponseMinutes: 120, autoAssign: true, maxOpenPerAgent: 5, autoSolvePendingDays: 7, inboundLocalPart: null };

describe("canned replies", () => {
  it("are created, found, edited and deleted with an audit entry each; a shortcut is unique per organisation", async () => {
    const { organization } = await h.make.gaEvent();
    const organizationId = organization.id;
    const { caller: agent } = await consoleMember(h, organizationId, "SUPPORT_AGENT");
    const { caller: door } = await consoleMember(h, organizationId, "DOOR_STAFF");

    const created = await agent.inboxTools.cannedReplies.save({
      organizationId,
      shortcut: "Refund-Policy",
      title: "Refund policy",
      body: "Refunds up to 7 days before.",
    });
    expect(created).toMatchObject({ shortcut: "refund-policy", title: "Refund policy" });
    await agent.inboxTools.cannedReplies.save({ organizationId, shortcut: "door-times", title: "When doors open", body: "Doors open an hour before." });
    expect((await agent.inboxTools.cannedReplies.list({ organizationId })).map((r) => r.shortcut)).toEqual(["door-times", "refund-policy"]);
    expect((await agent.inboxTools.cannedReplies.list({ organizationId, q: "/refund" })).map((r) => r.shortcut)).toEqual(["refund-policy"]);
    expect((await agent.inboxTools.cannedReplies.list({ organizationId, q: "DOORS OPEN" })).map((r) => r.shortcut)).toEqual(["door-times"]);

    const taken = agent.inboxTools.cannedReplies.save({ organizationId, shortcut: "door-times", title: "Copy", body: "Copy" });
    await expect(taken).rejects.toMatchObject({ code: "CONFLICT", cause: { details: { field: "shortcut" } } });
    const renamedOnto = agent.inboxTools.cannedReplies.save({ organizationId, id: created.id, shortcut: "door-times", title: "x", body: "x" });
    await expect(renamedOnto).rejects.toMatchObject({ code: "CONFLICT", cause: { details: { field: "shortcut" } } });
    await expect(agent.inboxTools.cannedReplies.save({ organizationId, shortcut: "bad shortcut!", title: "x", body: "x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    const edited = await agent.inboxTools.cannedReplies.save({ organizationId, id: created.id, shortcut: "refunds", title: "Refunds", body: "New text" });
    expect(edited).toMatchObject({ id: created.id, shortcut: "refunds", body: "New text" });
    await expect(door.inboxTools.cannedReplies.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Another organisation's agent cannot see, edit or delete them.
    const other = await h.make.organization();
    const { caller: stranger } = await consoleMember(h, other.id, "ADMIN");
    expect(await stranger.inboxTools.cannedReplies.list({ organizationId: other.id })).toEqual([]);
    const foreignEdit = stranger.inboxTools.cannedReplies.save({ organizationId: other.id, id: created.id, shortcut: "mine", title: "x", body: "x" });
    await expect(foreignEdit).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.inboxTools.cannedReplies.delete({ organizationId: other.id, id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.inboxTools.cannedReplies.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.cannedReply.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ shortcut: "refunds" });

    await agent.inboxTools.cannedReplies.delete({ organizationId, id: created.id });
    expect(await h.db.cannedReply.count({ where: { id: created.id } })).toBe(0);
    await expect(agent.inboxTools.cannedReplies.delete({ organizationId, id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const audit = await h.db.auditLog.findMany({ where: { organizationId, targetType: "canned-reply" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["canned-reply.create", "canned-reply.create", "canned-reply.update", "canned-reply.delete"]);
  });

  it("render the conversation's buyer, event, order, agent and organisation, in the buyer's language and the event's time zone", async () => {
    const { organization, event } = await h.make.gaEvent({
      event: { name: "Nachtkonzert", startsAt: new Date("2026-12-06T19:00:00Z"), timezone: "Europe/Berlin" },
    });
    const organizationId = organization.id;
    const { caller: agent } = await consoleMember(h, organizationId, "SUPPORT_AGENT", "Ana Lima");
    const order = await h.db.order.create({
      data: {
        reference: `MQ-R${Date.now().toString(36)}`,
        organizationId,
        eventId: event.id,
        status: "PAID",
        buyerName: "Jonas Weber",
        buyerEmail: "jonas@example.test",
        currency: "EUR",
        subtotalMinor: 2500,
        totalMinor: 2500,
      },
    });
    const body =
      "Hallo {{buyer.firstName}} ({{ buyer.name }}), {{event.name}} am {{event.date}}, Bestellung {{order.reference}}. {{agent.name}}, {{organization.name}} {{buyer.nmae}}";
    const reply = await agent.inboxTools.cannedReplies.save({ organizationId, shortcut: "hallo", title: "Hallo", body });
    const german = await openConversation(h, {
      organizationId,
      orderId: order.id,
      eventId: event.id,
      email: "jonas@example.test",
      name: "Jonas Weber",
      locale: "de",
    });
    const rendered = await agent.inboxTools.cannedReplies.render({ organizationId, conversationId: german.id, cannedReplyId: reply.id });
    expect(rendered.body).toBe(
      `Hallo Jonas (Jonas Weber), Nachtkonzert am 6. Dezember 2026 um 20:00, Bestellung ${order.reference}. Ana, ${organization.name} {{buyer.nmae}}`,
    );

    // No order, no name: the values are empty; English dates for an English conversation.
    const english = await openConversation(h, { organizationId, eventId: event.id, email: "guest@example.test", locale: "en" });
    const plain = await agent.inboxTools.cannedReplies.save({
      organizationId,
      shortcut: "plain",
      title: "Plain",
      body: "[{{buyer.name}}|{{order.reference}}] {{event.date}}",
    });
    expect((await agent.inboxTools.cannedReplies.render({ organizationId, conversationId: english.id, cannedReplyId: plain.id })).body).toBe(
      "[|] December 6, 2026 at 8:00 PM",
    );

    // Another organisation's conversation or reply: NOT_FOUND.
    const other = await h.make.gaEvent();
    const foreign = await openConversation(h, { organizationId: other.organization.id, email: "x@example.test" });
    await expect(agent.inboxTools.cannedReplies.render({ organizationId, conversationId: foreign.id, cannedReplyId: reply.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { caller: stranger } = await consoleMember(h, other.organization.id, "OWNER");
    const foreignRender = stranger.inboxTools.cannedReplies.render({
      organizationId: other.organization.id,
      conversationId: foreign.id,
      cannedReplyId: reply.id,
    });
    await expect(foreignRender).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("support settings", () => {
  it("are read by agents, saved by admins with an audit entry, and give the full support address", async () => {
    const organization = await h.make.organization();
    const organizationId = organization.id;
    const { caller: agent } = await consoleMember(h, organizationId, "SUPPORT_AGENT");
    const { caller: admin } = await consoleMember(h, organizationId, "ADMIN");

    expect(await agent.inboxTools.settings.get({ organizationId })).toMatchObject({
      firstResponseMinutes: 240,
      autoAssign: false,
      supportAddress: null,
      inboundDomain: "inbound.marquee.local",
    });
    await expect(agent.inboxTools.settings.update({ organizationId, ...SETTINGS })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.supportSettings.count({ where: { organizationId } })).toBe(0);

    const local = `help-${organizationId.slice(0, 8)}`;
    const saved = await admin.inboxTools.settings.update({ organizationId, ...SETTINGS, inboundLocalPart: local.toUpperCase() });
    expect(saved).toMatchObject({ ...SETTINGS, inboundLocalPart: local, supportAddress: `${local}@inbound.marquee.local` });
    expect(await agent.inboxTools.settings.get({ organizationId })).toEqual(saved);
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { organizationId, action: "support.settings-update" } });
    expect(audit.data).toMatchObject({ before: { autoAssign: false }, after: { autoAssign: true, inboundLocalPart: local } });

    // The conversation counter is not the form's: a saved form leaves it as it was.
    await h.db.supportSettings.update({ where: { organizationId }, data: { lastConversationNumber: 1042 } });
    await admin.inboxTools.settings.update({ organizationId, ...SETTINGS, inboundLocalPart: local, maxOpenPerAgent: 9 });
    expect(await h.db.supportSettings.findUniqueOrThrow({ where: { organizationId } })).toMatchObject({ lastConversationNumber: 1042, maxOpenPerAgent: 9 });

    // Another organisation cannot take the address; reserved and malformed ones are refused.
    const other = await h.make.organization();
    const { caller: otherAdmin } = await consoleMember(h, other.id, "OWNER");
    const clash = otherAdmin.inboxTools.settings.update({ organizationId: other.id, ...SETTINGS, inboundLocalPart: local });
    await expect(clash).rejects.toMatchObject({ code: "CONFLICT", cause: { details: { field: "inboundLocalPart" } } });
    const reserved = otherAdmin.inboxTools.settings.update({ organizationId: other.id, ...SETTINGS, inboundLocalPart: "postmaster" });
    await expect(reserved).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { details: { field: "inboundLocalPart" } } });
    const malformed = otherAdmin.inboxTools.settings.update({ organizationId: other.id, ...SETTINGS, inboundLocalPart: "a+b" });
    await expect(malformed).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(otherAdmin.inboxTools.settings.update({ organizationId, ...SETTINGS })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.inboxTools.settings.get({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.supportSettings.count({ where: { organizationId: other.id } })).toBe(0);
  });
});

describe("agents", () => {
  it("lists the members who answer support with their availability and open conversations; only managers change another's", async () => {
    const { organization } = await h.make.gaEvent();
    const organizationId = organization.id;
    const ana = await consoleMember(h, organizationId, "SUPPORT_AGENT", "Ana Lima");
    const ben = await consoleMember(h, organizationId, "SUPPORT_AGENT", "Ben Ode");
    const admin = await consoleMember(h, organizationId, "ADMIN", "Ada Min");
    await consoleMember(h, organizationId, "DOOR_STAFF");
    const open = await openConversation(h, { organizationId, email: "a@example.test" });
    const pending = await openConversation(h, { organizationId, email: "b@example.test" });
    const solved = await openConversation(h, { organizationId, email: "c@example.test" });
    await h.db.supportConversation.updateMany({ where: { id: { in: [open.id, pending.id, solved.id] } }, data: { assigneeId: ana.userId } });
    await h.db.supportConversation.update({ where: { id: pending.id }, data: { status: "PENDING" } });
    await h.db.supportConversation.update({ where: { id: solved.id }, data: { status: "RESOLVED" } });

    const agents = await ana.caller.inboxTools.agents.list({ organizationId });
    expect(agents.map((a) => [a.name, a.role, a.available, a.openAssigned])).toEqual([
      ["Ana Lima", "SUPPORT_AGENT", true, 2],
      ["Ben Ode", "SUPPORT_AGENT", true, 0],
      ["Ada Min", "ADMIN", true, 0],
    ]);

    expect(await ana.caller.inboxTools.agents.setAvailability({ organizationId, available: false })).toEqual({ userId: ana.userId, available: false });
    await expect(ana.caller.inboxTools.agents.setAvailability({ organizationId, available: false, userId: ben.userId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await admin.caller.inboxTools.agents.setAvailability({ organizationId, available: false, userId: ben.userId });
    const after = await ben.caller.inboxTools.agents.list({ organizationId });
    expect(after.map((a) => a.available)).toEqual([false, false, true]);
    expect(await h.db.auditLog.count({ where: { organizationId, action: "support.agent-availability" } })).toBe(2);

    // Another organisation's members are not agents here; another organisation's admin cannot touch ours.
    const other = await h.make.organization();
    const stranger = await consoleMember(h, other.id, "OWNER");
    await expect(admin.caller.inboxTools.agents.setAvailability({ organizationId, available: true, userId: stranger.userId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(stranger.caller.inboxTools.agents.setAvailability({ organizationId: other.id, available: true, userId: ana.userId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(stranger.caller.inboxTools.agents.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await h.db.supportAgentState.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId: ana.userId } } })).available).toBe(
      false,
    );
  });
});
