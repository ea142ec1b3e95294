import type { Capability } from "../permissions.ts";

/** One organisation's objects the walk's inputs refer to (the caller's own, or another tenant's). */
export interface TWalkFixture {
  organizationId: string;
  eventId: string;
  ticketTypeId: string;
  orderId: string;
  refundRequestId: string;
  /** A token the apiToken.revoke case may revoke (never the ones the REST walk calls with). */
  apiTokenId: string;
}

export interface TWalkCase {
  /** The capability the procedure should demand; the walk proves each role gets exactly this. */
  capability: Capability;
  /** A valid input (without organizationId) for the fixture's organisation. */
  input: (fixture: TWalkFixture) => Record<string, unknown>;
}

/**
 * Every procedure of the console's router (adminRouter), for the authorization walk
 * (authorization-walk.integration.test.ts). A procedure missing here fails the walk: add one line
 * with its capability and a valid input built from the fixture's ids. `"not-organisation-scoped"`
 * marks the few that act on the signed-in person only.
 */
export const WALK_CASES: Record<string, TWalkCase | "not-organisation-scoped"> = {
  "account.me": "not-organisation-scoped",
  "event.listForOrganization": { capability: "event.view", input: () => ({}) },
  "order.byId": { capability: "order.view", input: (f) => ({ orderId: f.orderId }) },
  "order.refunds": { capability: "order.view", input: (f) => ({ orderId: f.orderId }) },
  "order.refund": { capability: "refund.create", input: (f) => ({ orderId: f.orderId, reason: "authorization walk" }) },
  "refundRequest.list": { capability: "order.view", input: (f) => ({ eventId: f.eventId }) },
  "refundRequest.approve": { capability: "refund.create", input: (f) => ({ requestId: f.refundRequestId }) },
  "refundRequest.decline": { capability: "refund.create", input: (f) => ({ requestId: f.refundRequestId, note: "authorization walk" }) },
  "apiToken.list": { capability: "organization.manage", input: () => ({ includeRevoked: true }) },
  "apiToken.create": { capability: "organization.manage", input: () => ({ name: "authorization walk", role: "DOOR_STAFF" }) },
  "apiToken.revoke": { capability: "organization.manage", input: (f) => ({ tokenId: f.apiTokenId }) },
  "audit.list": { capability: "organization.manage", input: () => ({ limit: 5 }) },
  "organization.current": { capability: "organization.view", input: () => ({}) },
};
