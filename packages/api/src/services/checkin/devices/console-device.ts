import type { Db, Prisma } from "@marquee/db";
import type { TConsoleDevice } from "../checkin-schemas.ts";

/** The columns a console device answer needs, with its uploaded scans counted. */
export const CONSOLE_DEVICE_SELECT = {
  id: true,
  name: true,
  gate: true,
  role: true,
  status: true,
  eventId: true,
  eventIds: true,
  listIds: true,
  userId: true,
  pairedAt: true,
  pairingExpiresAt: true,
  lastSeenAt: true,
  lastSyncAt: true,
  appVersion: true,
  createdAt: true,
  revokedAt: true,
  _count: { select: { scans: true } },
} as const satisfies Prisma.CheckinDeviceSelect;

export type TConsoleDeviceRow = Prisma.CheckinDeviceGetPayload<{ select: typeof CONSOLE_DEVICE_SELECT }>;

/** A member's name as the console shows who registered a phone: their name, else their e-mail. */
const memberName = (user: { name: string | null; email: string }) => user.name?.trim() || user.email;

/**
 * Stored devices as the console's ZConsoleDevice: legacy single-event devices show that event, and
 * a phone a member registered shows the member's name (one query for the whole page).
 */
export async function toConsoleDevices(deps: { db: Db }, rows: TConsoleDeviceRow[]): Promise<TConsoleDevice[]> {
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
  const users = userIds.length ? await deps.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [];
  const names = new Map(users.map((user) => [user.id, memberName(user)]));
  return rows.map(({ _count, eventId, userId, ...row }) => ({
    ...row,
    eventIds: row.eventIds.length > 0 ? row.eventIds : eventId ? [eventId] : [],
    registeredBy: userId ? (names.get(userId) ?? null) : null,
    scanCount: _count.scans,
  }));
}

/** One stored device as the console shows it. */
export const toConsoleDevice = async (deps: { db: Db }, row: TConsoleDeviceRow): Promise<TConsoleDevice> => (await toConsoleDevices(deps, [row]))[0]!;
