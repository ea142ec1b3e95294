import type { Db } from "@marquee/db";
import { AppError } from "../../../errors.ts";
import type { TConsoleDevice } from "../checkin-schemas.ts";
import { CONSOLE_DEVICE_SELECT, toConsoleDevices } from "./console-device.ts";

/** Devices shown at most (newest first): an organisation has tens, not thousands. */
const MAX_DEVICES = 500;

/** The organisation's scanner devices, newest first; with an eventId (NOT_FOUND unless the organisation's) only those that may scan that event. */
export async function listDevices(deps: { db: Db }, organizationId: string, filter: { eventId?: string | undefined }): Promise<TConsoleDevice[]> {
  if (filter.eventId && !(await deps.db.event.findFirst({ where: { id: filter.eventId, organizationId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Event not found.");
  }
  const rows = await deps.db.checkinDevice.findMany({
    where: {
      organizationId,
      ...(filter.eventId ? { OR: [{ eventIds: { has: filter.eventId } }, { eventId: filter.eventId }] } : {}),
    },
    select: CONSOLE_DEVICE_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_DEVICES,
  });
  return toConsoleDevices(deps, rows);
}
