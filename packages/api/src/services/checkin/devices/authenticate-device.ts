import type { Db } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import { AppError } from "../../../errors.ts";
import { roleCan } from "../../../permissions.ts";
import { digestsEqual } from "../../api-token/token-secret.ts";
import { looksLikeDeviceCredential, secretDigest } from "./device-secret.ts";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
/** lastSeenAt is written at most this often per device (every sync would otherwise be a write). */
const SEEN_EVERY_MS = 30_000;

/** The paired scanner a request comes from (ctx.device under deviceProcedure). */
export interface TDeviceSession {
  id: string;
  organizationId: string;
  organizationName: string;
  name: string;
  gate: string;
  role: "SCANNER" | "SUPERVISOR";
  /** The events it may scan (its organisation's only). */
  eventIds: string[];
  /** Only these check-in lists of those events; empty means every list. */
  listIds: string[];
  /** The member who registered their own phone, if that is how it was paired. */
  userId: string | null;
}

const refuse = (reason: string, message: string) => new AppError("UNAUTHORIZED", message, { reason });

/** The Authorization header's device credential, or null when the header holds something else. */
export function deviceCredentialOf(authorization: string | null): string | null {
  const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  return token && looksLikeDeviceCredential(token) ? token : null;
}

/**
 * The device a `Bearer mq_dev_...` credential stands for. UNAUTHORIZED without one or for an
 * unknown credential (a rolled one included); DEVICE_REVOKED for a revoked device, or one paired
 * by a member who may no longer scan for the organisation: the app wipes its data on that code.
 */
export async function authenticateDevice(deps: { db: Db; clock: Clock }, credential: string | null): Promise<TDeviceSession> {
  if (!credential) throw refuse("missing", "This operation needs Authorization: Bearer <device credential> (mq_dev_...). Pair the device first.");
  const digest = secretDigest(credential);
  const device = await deps.db.checkinDevice.findUnique({
    where: { tokenHash: digest },
    include: { organization: { select: { name: true } } },
  });
  // Looked up by digest; comparing again in constant time keeps the check itself free of timing signals.
  if (!device?.tokenHash || !digestsEqual(device.tokenHash, digest))
    throw refuse("unknown", "This device credential is not valid (it may have been rolled). Pair the device again.");
  if (device.status === "REVOKED") throw new AppError("DEVICE_REVOKED", "This device has been revoked by the organiser.", { deviceId: device.id });
  if (device.userId) {
    const membership = await deps.db.membership.findFirst({
      where: { userId: device.userId, organizationId: device.organizationId, user: { disabledAt: null } },
      select: { role: true },
    });
    if (!membership || !roleCan(membership.role, "checkin.scan")) {
      throw new AppError("DEVICE_REVOKED", "The team member who registered this device can no longer scan for the organisation.", { deviceId: device.id });
    }
  }
  const now = deps.clock.now();
  if (!device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() > SEEN_EVERY_MS) {
    await deps.db.checkinDevice.updateMany({ where: { id: device.id, status: "ACTIVE" }, data: { lastSeenAt: now } });
  }
  const eventIds = device.eventIds.length > 0 ? device.eventIds : device.eventId ? [device.eventId] : [];
  const events = await deps.db.event.findMany({ where: { id: { in: eventIds }, organizationId: device.organizationId }, select: { id: true } });
  return {
    id: device.id,
    organizationId: device.organizationId,
    organizationName: device.organization.name,
    name: device.name,
    gate: device.gate,
    role: device.role,
    eventIds: events.map((event) => event.id),
    listIds: device.listIds,
    userId: device.userId,
  };
}
