import type { Db } from "@marquee/db";
import { AppError } from "../../../errors.ts";
import { roleCan } from "../../../permissions.ts";
import type { RealtimePublisher } from "../../../realtime/publisher.ts";
import type { SessionUser } from "../../../session.ts";
import type { TDeviceSession } from "./authenticate-device.ts";

/** `private-checkin-<eventId>` (checkin-channel.ts), with the event id captured. */
export const CHECKIN_CHANNEL_PATTERN = /^private-checkin-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const unavailable = () => new AppError("REALTIME_UNAVAILABLE", "Live updates are not available; the scanner keeps syncing every few seconds.");

/** Signs a paired device's subscription to the check-in channel of one of its own events; any other channel is FORBIDDEN. */
export function authorizeDeviceChannel(
  realtime: RealtimePublisher | null,
  device: Pick<TDeviceSession, "eventIds">,
  input: { socket_id: string; channel_name: string },
): { auth: string } {
  const match = CHECKIN_CHANNEL_PATTERN.exec(input.channel_name);
  if (!match || !device.eventIds.includes(match[1]!)) throw new AppError("FORBIDDEN", "This device may only listen to its own events' check-in channels.");
  if (!realtime) throw unavailable();
  return { auth: realtime.authorizeChannel(input.socket_id, input.channel_name).auth };
}

/**
 * Signs a member's subscription to an event's check-in channel (the console's check-in page, door
 * staff): their role must have checkin.scan or event.view in the organisation (FORBIDDEN), and the
 * event must be the organisation's (NOT_FOUND, whether it exists elsewhere or not).
 */
export async function authorizeMemberCheckinChannel(
  deps: { db: Db; realtime: RealtimePublisher | null },
  session: SessionUser,
  input: { organizationId: string; socket_id: string; channel_name: string },
): Promise<{ auth: string }> {
  const match = CHECKIN_CHANNEL_PATTERN.exec(input.channel_name);
  if (!match) throw new AppError("FORBIDDEN", "Not a check-in channel.");
  const membership = session.memberships.find((m) => m.organizationId === input.organizationId);
  if (!membership || !(roleCan(membership.role, "checkin.scan") || roleCan(membership.role, "event.view"))) {
    throw new AppError("FORBIDDEN", "You do not have access to this organisation's check-in.");
  }
  const event = await deps.db.event.findFirst({ where: { id: match[1]!, organizationId: input.organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  if (!deps.realtime) throw unavailable();
  return { auth: deps.realtime.authorizeChannel(input.socket_id, input.channel_name).auth };
}
