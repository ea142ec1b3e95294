import type { CheckinDeviceRole } from "@marquee/db";
import { type Clock, systemClock } from "../../clock.ts";
import { createContextInner } from "../../context.ts";
import { deviceRouter } from "../../root.ts";
import type { Harness } from "../../testing/harness.ts";
import { createCallerFactory } from "../../trpc.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { orderWithLines, seatedEvent, ticketDeps } from "../tickets/tickets-test-kit.ts";
import { generateDeviceCredential, secretDigest } from "./devices/device-secret.ts";

// Paired scanner devices for tests, written straight into the database (as pairing would leave
// them): an ACTIVE device with a credential, and a caller of the device router that sends it.

const createDeviceCaller = createCallerFactory(deviceRouter);

/** A caller of deviceRouter whose requests carry `Authorization: Bearer <credential>`. */
export function deviceCaller(h: Harness, credential: string | null, options: { clock?: Clock } = {}) {
  return createDeviceCaller(
    createContextInner({
      db: h.db,
      redis: h.redis,
      redisPrefix: h.redisPrefix,
      queues: h.queues,
      clock: options.clock ?? systemClock,
      request: { deviceToken: credential },
    }),
  );
}

/** An ACTIVE paired device of the organisation with its credential and caller. */
export async function pairedDevice(
  h: Harness,
  input: { organizationId: string; eventIds: string[]; listIds?: string[]; role?: CheckinDeviceRole; gate?: string; name?: string; clock?: Clock },
) {
  const credential = generateDeviceCredential();
  const device = await h.db.checkinDevice.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? `Scanner ${Math.random().toString(36).slice(2, 7)}`,
      gate: input.gate ?? "Main entrance",
      role: input.role ?? "SCANNER",
      eventIds: input.eventIds,
      listIds: input.listIds ?? [],
      tokenHash: secretDigest(credential),
      status: "ACTIVE",
      pairedAt: new Date(),
    },
  });
  return { device, credential, caller: deviceCaller(h, credential, { clock: input.clock }) };
}

/**
 * A seated event (tickets-test-kit) with one order's tickets issued (3 standing, 1 seat "Stalls ·
 * Row A · Seat 1", holder Grace Hopper) and its default check-in list. Scan at `doorsAt` or later:
 * the signed codes are valid from the event's window.
 */
export async function checkinEvent(h: Harness, options: { gaQuantity?: number } = {}) {
  const kit = await seatedEvent(h);
  const order = await orderWithLines(h, kit, { gaQuantity: options.gaQuantity ?? 3 });
  const { tickets } = await issueTickets(ticketDeps(h), { orderId: order.id });
  const list = await h.db.checkinList.findFirstOrThrow({ where: { eventId: kit.event.id } });
  return { ...kit, order, tickets, list, doorsAt: kit.event.startsAt };
}
