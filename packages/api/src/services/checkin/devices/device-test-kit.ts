import { type Clock, systemClock } from "../../../clock.ts";
import { createContextInner, type RequestMeta } from "../../../context.ts";
import { createRealtimePublisher } from "../../../realtime/publisher.ts";
import { deviceRouter } from "../../../root.ts";
import type { Harness } from "../../../testing/harness.ts";
import { createCallerFactory } from "../../../trpc.ts";

// Test helpers for scanner devices: a caller of the device router with a credential, as the REST
// handler builds it (never a session), and a signing-only realtime publisher (authorizeChannel
// signs locally; nothing is sent, so no Soketi is needed).

const createDeviceCaller = createCallerFactory(deviceRouter);

/** A publisher with test credentials: channel signatures only. */
export const signingPublisher = () =>
  createRealtimePublisher({ host: "127.0.0.1", port: 1, appId: "checkin-test", key: "checkin-test-key", secret: "checkin-test-secret", useTLS: false });

/** The device router as a scanner with this credential (or none) calls it. */
export function deviceCallerFor(
  h: Harness,
  credential: string | null,
  options: { clock?: Clock; request?: Partial<RequestMeta>; realtime?: ReturnType<typeof signingPublisher> | null } = {},
) {
  return createDeviceCaller(
    createContextInner({
      db: h.db,
      redis: h.redis,
      redisPrefix: h.redisPrefix,
      queues: h.queues,
      clock: options.clock ?? systemClock,
      realtime: options.realtime ?? null,
      request: { trpcSource: "rest", deviceToken: credential, ...options.request },
    }),
  );
}

/** An organisation with an event (its default list "All tickets" made by the database) and an owner's console caller. */
export async function checkinOrganisation(h: Harness) {
  const { organization, venue, event, ticketType } = await h.make.gaEvent({ capacity: 20 });
  const owner = await h.make.member(organization.id, "OWNER");
  const caller = await h.callerAs(owner.id, { app: "admin" });
  return { organizationId: organization.id, venueId: venue.id, eventId: event.id, ticketTypeId: ticketType.id, ownerId: owner.id, caller };
}
