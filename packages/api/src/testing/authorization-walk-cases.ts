import { createHash } from "node:crypto";
import { uniqueSuffix } from "@marquee/db/testing";
import type { Db, TeamRole } from "@marquee/db";
import { type Capability, roleCan } from "../permissions.ts";
import { sealWebhookSecret } from "../services/webhooks/webhook-secret.ts";

/** One organisation's objects the walk's inputs refer to (the caller's own, or another tenant's). */
export interface TWalkFixture {
  organizationId: string;
  eventId: string;
  /** An event the event.cancel case may cancel (the others keep using eventId). */
  spareEventId: string;
  ticketTypeId: string;
  /** A paid order with one ticket (ticketId). */
  orderId: string;
  ticketId: string;
  /** An unpaid order the order.cancel case may cancel. */
  pendingOrderId: string;
  refundRequestId: string;
  /** A token the apiToken.revoke case may revoke (never the ones the REST walk calls with). */
  apiTokenId: string;
  /** The event's venue, and one without events the venue.delete case may delete. */
  venueId: string;
  spareVenueId: string;
  seatMapId: string;
  voucherId: string;
  /** An open invitation. */
  invitationId: string;
  /** A door-staff member whose role may change and who may be removed. */
  memberUserId: string;
  /** A support conversation about orderId, another of the same buyer address the inbox.merge case merges into it, and a canned reply. */
  conversationId: string;
  spareConversationId: string;
  cannedReplyId: string;
  /** A webhook endpoint with one delivery (restoreWalkWebhook puts both back). */
  webhookEndpointId: string;
  webhookDeliveryId: string;
}

export interface TWalkCase {
  /** The capability the procedure should demand; the walk proves each role gets exactly this. */
  capability: Capability;
  /**
   * A second capability the procedure demands as well (inboxTools.orderAction: support.answer to
   * enter, then the action's own, order.manage for the resend the walk calls): allowed exactly for
   * the roles that have both, which no single capability names.
   */
  alsoNeeds?: Capability;
  /** A valid input (without organizationId) for the fixture's organisation. */
  input: (fixture: TWalkFixture) => Record<string, unknown>;
  /**
   * For a procedure whose allowed call uses its object up (removes, deletes, revokes): puts the
   * object back before each call, so the next role's call finds it and the walk sees its refusal or
   * permission, not a NOT_FOUND from the previous role's success.
   */
  restore?: (db: Db, fixture: TWalkFixture) => Promise<unknown>;
}

/**
 * Every procedure of the console's router (adminRouter), for the authorization walk
 * (authorization-walk.integration.test.ts). A procedure missing here fails the walk: add one line
 * with its capability and a valid input built from the fixture's ids. `"not-organisation-scoped"`
 * marks the few that act on the signed-in person only.
 */
/** A small valid seat map document (one zone, one section of 2 x 3 seats). */
const walkSeatMapDocument = () => ({
  name: `Walk map ${uniqueSuffix()}`,
  priceZones: [{ name: "Standard", color: "#336699" }],
  sections: [{ name: "Stalls", x: 0, y: 0, rows: 2, seatsPerRow: 3, zone: "Standard" }],
});
/** Puts the fixture's canned reply back (inboxTools.cannedReplies.delete removes it; render and save need it). */
const restoreCannedReply = (db: Db, f: TWalkFixture) =>
  db.cannedReply.upsert({
    where: { id: f.cannedReplyId },
    create: { id: f.cannedReplyId, organizationId: f.organizationId, shortcut: "walk-reply", title: "Walk reply", body: "Hello {{buyer.firstName}}" },
    update: {},
  });
/** A stable id derived from the fixture (a uuid v4 shape), for objects the walk's restore creates on demand (devices, a spare check-in list). */
const walkId = (f: TWalkFixture, kind: string) => {
  const hex = createHash("sha256").update(`${kind}:${f.organizationId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
/** A paired scanner of the fixture's event, ACTIVE again before each call (checkin.revokeDevice revokes it, rollDevice unpairs it). */
const restoreWalkDevice = (db: Db, f: TWalkFixture) => {
  const device = { status: "ACTIVE" as const, revokedAt: null, tokenHash: null, pairingTokenHash: null };
  return db.checkinDevice.upsert({
    where: { id: walkId(f, "device") },
    create: { id: walkId(f, "device"), organizationId: f.organizationId, name: "Walk scanner", eventIds: [f.eventId], ...device },
    update: device,
  });
};
/** A second, active check-in list of the fixture's event (every event has "All tickets"), for checkin.archiveList. */
const restoreWalkList = (db: Db, f: TWalkFixture) =>
  db.checkinList.upsert({
    where: { id: walkId(f, "list") },
    create: { id: walkId(f, "list"), organizationId: f.organizationId, eventId: f.eventId, name: "Walk list" },
    update: { archivedAt: null },
  });

/** The fixture's webhook endpoint and its delivery, there again before each call (webhook.delete removes both). */
export async function restoreWalkWebhook(db: Db, f: Pick<TWalkFixture, "organizationId" | "webhookEndpointId" | "webhookDeliveryId">) {
  const id = f.webhookEndpointId;
  await db.webhookEndpoint.upsert({
    where: { id },
    create: {
      id,
      organizationId: f.organizationId,
      url: "https://93.184.215.14/walk",
      events: ["order.paid"],
      secretCiphertext: sealWebhookSecret(id, "whsec_walk"),
    },
    update: {},
  });
  await db.webhookDelivery.upsert({
    where: { id: f.webhookDeliveryId },
    create: { id: f.webhookDeliveryId, endpointId: id, organizationId: f.organizationId, eventType: "order.paid", sourceKey: "walk", payload: {} },
    update: {},
  });
}
/** Whether the role may call the case's procedure: its capability, and the second one when there is one. */
export const walkAllows = (role: TeamRole, walkCase: TWalkCase): boolean =>
  roleCan(role, walkCase.capability) && (walkCase.alsoNeeds === undefined || roleCan(role, walkCase.alsoNeeds));
const inAWeek = (days = 0) => new Date(Date.now() + (7 + days) * 86_400_000);

/**
 * Every procedure of the console's router (adminRouter), for the authorization walk
 * (authorization-walk.integration.test.ts). A procedure missing here fails the walk: add one line
 * with its capability and a valid input built from the fixture's ids. `"not-organisation-scoped"`
 * marks the few that act on the signed-in person only (or on a link's secret, signed out); the walk
 * checks that their input has no organizationId, so no organisation procedure can hide here.
 */
export const WALK_CASES: Record<string, TWalkCase | "not-organisation-scoped"> = {
  "account.me": "not-organisation-scoped",
  "twoFactor.status": "not-organisation-scoped",
  "twoFactor.beginEnrolment": "not-organisation-scoped",
  "twoFactor.confirmEnrolment": "not-organisation-scoped",
  "twoFactor.disable": "not-organisation-scoped",
  "organizerSignUp.signUp": "not-organisation-scoped",
  "organizerSignUp.confirmEmail": "not-organisation-scoped",
  "invitation.preview": "not-organisation-scoped",
  "invitation.accept": "not-organisation-scoped",
  "dashboard.organization": { capability: "event.view", input: () => ({ range: "7d" }) },
  "dashboard.event": { capability: "event.view", input: (f) => ({ eventId: f.eventId, range: "7d" }) },
  "realtime.authorize": { capability: "event.view", input: (f) => ({ socket_id: "1234.5678", channel_name: `private-org-${f.organizationId}` }) },
  "event.listForOrganization": { capability: "event.view", input: () => ({}) },
  "event.detail": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "event.places": { capability: "event.view", input: () => ({}) },
  "event.create": {
    capability: "event.manage",
    input: (f) => ({ name: "Walk event", slug: `walk-${uniqueSuffix()}`, venueId: f.venueId, startsAt: inAWeek(), endsAt: inAWeek(1), onSaleAt: new Date() }),
  },
  "event.update": { capability: "event.manage", input: (f) => ({ eventId: f.eventId, name: "Walk event (renamed)" }) },
  "event.duplicate": { capability: "event.manage", input: (f) => ({ eventId: f.eventId, slug: `walk-copy-${uniqueSuffix()}` }) },
  "event.publish": { capability: "event.manage", input: (f) => ({ eventId: f.eventId }) },
  "event.unpublish": { capability: "event.manage", input: (f) => ({ eventId: f.spareEventId }) },
  "event.cancel": { capability: "event.manage", input: (f) => ({ eventId: f.spareEventId, reason: "authorization walk" }) },
  "event.setWaitingRoom": {
    capability: "event.manage",
    input: (f) => ({ eventId: f.eventId, enabled: false, opensAt: null, overbookPct: 100, admitPerMinute: null, admissionTtlSeconds: 600 }),
  },
  "ticketType.list": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "ticketType.create": { capability: "event.manage", input: (f) => ({ eventId: f.eventId, name: "Walk type", capacity: 10, priceMinor: 1500 }) },
  "ticketType.update": { capability: "event.manage", input: (f) => ({ ticketTypeId: f.ticketTypeId, description: "authorization walk" }) },
  "ticketType.archive": { capability: "event.manage", input: (f) => ({ ticketTypeId: f.ticketTypeId }) },
  "ticketType.restore": { capability: "event.manage", input: (f) => ({ ticketTypeId: f.ticketTypeId }) },
  "ticketType.setPriceTiers": { capability: "event.manage", input: (f) => ({ ticketTypeId: f.ticketTypeId, tiers: [{ name: "Regular", priceMinor: 2500 }] }) },
  "pricing.get": { capability: "event.view", input: (f) => ({ ticketTypeId: f.ticketTypeId }) },
  "pricing.history": { capability: "event.view", input: (f) => ({ ticketTypeId: f.ticketTypeId }) },
  "pricing.simulate": {
    capability: "event.view",
    input: (f) => ({
      ticketTypeId: f.ticketTypeId,
      day: "2026-01-02",
      settings: {
        floorMinor: 1000,
        ceilingMinor: 5000,
        stepMinor: 500,
        windowMinutes: 15,
        raiseAtPerMinute: 2,
        scarcityPct: null,
        lowerAtPerMinute: null,
        minIntervalSeconds: 300,
      },
    }),
  },
  "pricing.save": {
    capability: "event.manage",
    input: (f) => ({
      ticketTypeId: f.ticketTypeId,
      enabled: false,
      floorMinor: 1000,
      ceilingMinor: 5000,
      stepMinor: 500,
      windowMinutes: 15,
      raiseAtPerMinute: 2,
      scarcityPct: null,
      lowerAtPerMinute: null,
      minIntervalSeconds: 300,
    }),
  },
  "waitingList.overview": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "waitingList.export": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "waitingList.updateSettings": { capability: "event.manage", input: (f) => ({ eventId: f.eventId, enabled: false, paused: false, offerMinutes: 60 }) },
  "waitingList.remove": {
    capability: "event.manage",
    input: (f) => ({ entryId: walkId(f, "waiting-list-entry") }),
    // An entry WAITING again before each call (the allowed call removes it).
    restore: (db, f) =>
      db.waitingListEntry.upsert({
        where: { id: walkId(f, "waiting-list-entry") },
        create: {
          id: walkId(f, "waiting-list-entry"),
          eventId: f.eventId,
          ticketTypeId: f.ticketTypeId,
          email: `walk-${f.organizationId}@example.test`,
          quantity: 1,
        },
        update: { status: "WAITING", holdId: null, endedAt: null },
      }),
  },
  "voucher.list": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "voucher.create": {
    capability: "event.manage",
    input: (f) => ({ eventId: f.eventId, kind: "PERCENT", amount: 1000, code: `WALK${uniqueSuffix()}`.toUpperCase() }),
  },
  "voucher.generate": { capability: "event.manage", input: (f) => ({ eventId: f.eventId, kind: "FIXED", amount: 500, prefix: "WALK", count: 2 }) },
  "voucher.setActive": { capability: "event.manage", input: (f) => ({ voucherId: f.voucherId, active: false }) },
  "boxOffice.events": { capability: "boxoffice.sell", input: () => ({}) },
  "boxOffice.sell": {
    capability: "boxoffice.sell",
    input: (f) => ({ eventId: f.eventId, lines: [{ ticketTypeId: f.ticketTypeId, quantity: 1 }], paymentMethod: "CASH" }),
  },
  "order.list": { capability: "order.view", input: () => ({}) },
  "order.byId": { capability: "order.view", input: (f) => ({ orderId: f.orderId }) },
  "order.refunds": { capability: "order.view", input: (f) => ({ orderId: f.orderId }) },
  "order.activity": { capability: "order.view", input: (f) => ({ orderId: f.orderId }) },
  "order.refund": { capability: "refund.create", input: (f) => ({ orderId: f.orderId, reason: "authorization walk" }) },
  "order.resendConfirmation": { capability: "order.manage", input: (f) => ({ orderId: f.orderId }) },
  "order.reissueTicket": { capability: "order.manage", input: (f) => ({ orderId: f.orderId, ticketId: f.ticketId, reason: "authorization walk" }) },
  "order.cancel": { capability: "order.manage", input: (f) => ({ orderId: f.pendingOrderId, reason: "authorization walk" }) },
  "order.exportAttendees": { capability: "order.manage", input: (f) => ({ eventId: f.eventId }) },
  "order.exportInvoices": { capability: "order.manage", input: (f) => ({ from: "2026-01-01", to: "2026-02-01", eventId: f.eventId }) },
  "refundRequest.list": { capability: "order.view", input: (f) => ({ eventId: f.eventId }) },
  "refundRequest.approve": { capability: "refund.create", input: (f) => ({ requestId: f.refundRequestId }) },
  "refundRequest.decline": { capability: "refund.create", input: (f) => ({ requestId: f.refundRequestId, note: "authorization walk" }) },
  "team.members": { capability: "team.manage", input: () => ({}) },
  "team.invitations": { capability: "team.manage", input: () => ({}) },
  "team.invite": { capability: "team.manage", input: () => ({ email: `walk-invite-${uniqueSuffix()}@example.test`, role: "DOOR_STAFF" }) },
  "team.resendInvitation": { capability: "team.manage", input: (f) => ({ invitationId: f.invitationId }) },
  "team.revokeInvitation": {
    capability: "team.manage",
    input: (f) => ({ invitationId: f.invitationId }),
    restore: (db, f) => db.invitation.update({ where: { id: f.invitationId }, data: { revokedAt: null } }),
  },
  "team.changeRole": { capability: "team.manage", input: (f) => ({ userId: f.memberUserId, role: "BOX_OFFICE" }) },
  "team.remove": {
    capability: "team.manage",
    input: (f) => ({ userId: f.memberUserId }),
    restore: (db, f) =>
      db.membership.upsert({
        where: { userId_organizationId: { userId: f.memberUserId, organizationId: f.organizationId } },
        create: { userId: f.memberUserId, organizationId: f.organizationId, role: "DOOR_STAFF" },
        update: {},
      }),
  },
  "organizationSettings.get": { capability: "organization.manage", input: () => ({}) },
  "organizationSettings.update": { capability: "organization.manage", input: () => ({ name: "Walk Organisation" }) },
  "venue.list": { capability: "event.view", input: () => ({}) },
  "venue.get": { capability: "event.view", input: (f) => ({ venueId: f.venueId }) },
  "venue.create": { capability: "event.manage", input: () => ({ name: "Walk venue", city: "Berlin", country: "DE" }) },
  "venue.update": { capability: "event.manage", input: (f) => ({ venueId: f.venueId, fields: { city: "Hamburg" } }) },
  "venue.delete": {
    capability: "event.manage",
    input: (f) => ({ venueId: f.spareVenueId }),
    restore: (db, f) =>
      db.venue.upsert({
        where: { id: f.spareVenueId },
        create: { id: f.spareVenueId, organizationId: f.organizationId, name: "Walk spare venue", city: "Berlin", country: "DE" },
        update: {},
      }),
  },
  "seatMap.list": { capability: "event.view", input: (f) => ({ venueId: f.venueId }) },
  "seatMap.get": { capability: "event.view", input: (f) => ({ seatMapId: f.seatMapId }) },
  "seatMap.save": { capability: "event.manage", input: (f) => ({ venueId: f.venueId, document: walkSeatMapDocument() }) },
  "seatMap.import": { capability: "event.manage", input: (f) => ({ seatMapId: f.seatMapId, document: walkSeatMapDocument() }) },
  "seatMap.export": { capability: "event.manage", input: (f) => ({ seatMapId: f.seatMapId }) },
  "seatMap.copy": { capability: "event.manage", input: (f) => ({ seatMapId: f.seatMapId }) },
  "apiToken.list": { capability: "organization.manage", input: () => ({ includeRevoked: true }) },
  "apiToken.create": { capability: "organization.manage", input: () => ({ name: "authorization walk", role: "DOOR_STAFF" }) },
  "apiToken.revoke": { capability: "organization.manage", input: (f) => ({ tokenId: f.apiTokenId }) },
  "audit.list": { capability: "organization.manage", input: () => ({ limit: 5 }) },
  "inbox.list": { capability: "support.answer", input: () => ({ view: "all" }) },
  "inbox.counts": { capability: "support.answer", input: () => ({ assignee: "all" }) },
  "inbox.get": { capability: "support.answer", input: (f) => ({ conversationId: f.conversationId }) },
  "inbox.reply": {
    capability: "support.answer",
    input: (f) => ({ conversationId: f.conversationId, body: "authorization walk", internal: true, lastSeenMessageId: null, force: true }),
  },
  "inbox.update": { capability: "support.answer", input: (f) => ({ conversationId: f.conversationId, priority: "HIGH", labels: ["walk"] }) },
  "inbox.merge": {
    capability: "support.answer",
    input: (f) => ({ conversationId: f.spareConversationId, intoConversationId: f.conversationId }),
    restore: (db, f) => db.supportConversation.update({ where: { id: f.spareConversationId }, data: { mergedIntoId: null } }),
  },
  "organization.current": { capability: "organization.view", input: () => ({}) },
  "checkin.lists": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "checkin.saveList": { capability: "event.manage", input: (f) => ({ eventId: f.eventId, name: `Walk list ${uniqueSuffix()}`, allTicketTypes: true }) },
  "checkin.archiveList": { capability: "event.manage", input: (f) => ({ listId: walkId(f, "list") }), restore: restoreWalkList },
  "checkin.devices": { capability: "device.manage", input: (f) => ({ eventId: f.eventId }) },
  "checkin.createDevice": { capability: "device.manage", input: (f) => ({ name: "Walk gate", eventIds: [f.eventId] }) },
  "checkin.rollDevice": { capability: "device.manage", input: (f) => ({ deviceId: walkId(f, "device") }), restore: restoreWalkDevice },
  "checkin.revokeDevice": { capability: "device.manage", input: (f) => ({ deviceId: walkId(f, "device") }), restore: restoreWalkDevice },
  "inboxTools.cannedReplies.list": { capability: "support.answer", input: () => ({ q: "walk" }) },
  "inboxTools.cannedReplies.save": {
    capability: "support.answer",
    input: (f) => ({ id: f.cannedReplyId, shortcut: "walk-reply", title: "Walk reply", body: "Hello {{buyer.firstName}}" }),
    restore: restoreCannedReply,
  },
  "inboxTools.cannedReplies.delete": { capability: "support.answer", input: (f) => ({ id: f.cannedReplyId }), restore: restoreCannedReply },
  "inboxTools.cannedReplies.render": {
    capability: "support.answer",
    input: (f) => ({ conversationId: f.conversationId, cannedReplyId: f.cannedReplyId }),
    restore: restoreCannedReply,
  },
  "inboxTools.settings.get": { capability: "support.answer", input: () => ({}) },
  "inboxTools.settings.update": {
    capability: "organization.manage",
    input: () => ({
      firstResponseMinutes: 60,
      nextResponseMinutes: 120,
      autoAssign: false,
      maxOpenPerAgent: 10,
      autoSolvePendingDays: null,
      inboundLocalPart: null,
    }),
  },
  "inboxTools.agents.list": { capability: "support.answer", input: () => ({}) },
  "inboxTools.agents.setAvailability": { capability: "support.answer", input: () => ({ available: true }) },
  // support.answer AND order.manage (the resend's own capability): OWNER and ADMIN only.
  "inboxTools.orderAction": {
    capability: "support.answer",
    alsoNeeds: "order.manage",
    input: (f) => ({ action: "resend-confirmation", conversationId: f.conversationId, orderId: f.orderId }),
  },
  "webhook.list": { capability: "webhook.manage", input: () => ({}) },
  "webhook.create": { capability: "webhook.manage", input: () => ({ url: "https://93.184.215.14/walk", events: ["order.paid"] }) },
  "webhook.update": { capability: "webhook.manage", input: (f) => ({ endpointId: f.webhookEndpointId, description: "walk" }), restore: restoreWalkWebhook },
  "webhook.delete": { capability: "webhook.manage", input: (f) => ({ endpointId: f.webhookEndpointId }), restore: restoreWalkWebhook },
  "webhook.rotateSecret": { capability: "webhook.manage", input: (f) => ({ endpointId: f.webhookEndpointId }), restore: restoreWalkWebhook },
  "webhook.deliveries": { capability: "webhook.manage", input: (f) => ({ endpointId: f.webhookEndpointId }), restore: restoreWalkWebhook },
  "webhook.delivery": { capability: "webhook.manage", input: (f) => ({ deliveryId: f.webhookDeliveryId }), restore: restoreWalkWebhook },
  "webhook.redeliver": { capability: "webhook.manage", input: (f) => ({ deliveryId: f.webhookDeliveryId }), restore: restoreWalkWebhook },
  "checkin.stats": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
  "checkin.conflicts": { capability: "event.view", input: (f) => ({ eventId: f.eventId }) },
};
