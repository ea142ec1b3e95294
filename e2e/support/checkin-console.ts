// What the organiser does for the door, through the public REST API with an organisation API token
// (createCheckinDevice, revokeCheckinDevice, listCheckinConflicts, refundOrder), as a console or an
// outside integration would. The token comes from the console's own service (createApiToken).
import { randomUUID } from "node:crypto";
import { systemClock } from "@marquee/api/clock";
import type { Context } from "@marquee/api/context";
import { createApiToken } from "@marquee/api/services/api-token/manage-api-tokens";
import type { TConflictsPage, TDevicePairing } from "@marquee/api/services/checkin/checkin-schemas";
import type { Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { expect } from "@playwright/test";

/** An organisation API token (mq_org_...) of an admin of the organisation, made the console's way. */
export async function createOrganiserToken(db: Db, organizationId: string): Promise<string> {
  const admin = await createFactories(db).member(organizationId, "ADMIN");
  // No request and no session: the audit log records the creation as the system's.
  const request = { ip: null } as Context["request"];
  const { token } = await createApiToken({ db, clock: systemClock, session: null, request }, organizationId, {
    name: "Door e2e",
    role: "ADMIN",
    createdById: admin.id,
  });
  return token;
}

/** The organiser's REST API on the shop's origin (/api/v1), JSON in and out; fails the test on a non-2xx answer. */
export function organiserApi(baseUrl: string, token: string) {
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json", "idempotency-key": randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`).toBe(true);
    return JSON.parse(text) as T;
  };
  return {
    /** createCheckinDevice: a PENDING device and its pairing payload (qrText is what the console's QR code holds). */
    createDevice: (input: { name: string; gate: string; eventIds: string[]; listIds?: string[]; role?: "SCANNER" | "SUPERVISOR" }) =>
      call<Omit<TDevicePairing, "expiresAt"> & { expiresAt: string }>("POST", "/organization/checkin/devices", input),
    /** revokeCheckinDevice: refused at its next contact. */
    revokeDevice: (deviceId: string) => call<{ id: string; status: string }>("POST", `/organization/checkin/devices/${deviceId}/revoke`, {}),
    /** listCheckinConflicts: the double entries of an event. */
    conflicts: (eventId: string) => call<TConflictsPage>("GET", `/organization/events/${eventId}/checkin/conflicts`),
    /** refundOrder: these tickets back (the payment worker completes it: a cash payment needs no Stripe call). */
    refundTickets: (orderId: string, ticketIds: string[]) =>
      call<{ refundId: string; status: string }>("POST", `/organization/orders/${orderId}/refunds`, { ticketIds, reason: "Refunded at the door test" }),
  };
}
export type TOrganiserApi = ReturnType<typeof organiserApi>;
