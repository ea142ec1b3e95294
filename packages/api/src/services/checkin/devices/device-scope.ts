import type { Prisma } from "@marquee/db";
import { AppError } from "../../../errors.ts";

type Tx = Prisma.TransactionClient;

/**
 * The events and lists a device may scan, checked against the organisation: every event must be
 * its own (NOT_FOUND otherwise, the same whether it exists elsewhere or not), and every list one of
 * those events' active lists. Answers them de-duplicated.
 */
export async function checkDeviceScope(
  tx: Tx,
  organizationId: string,
  scope: { eventIds: readonly string[]; listIds: readonly string[] },
): Promise<{ eventIds: string[]; listIds: string[] }> {
  const eventIds = [...new Set(scope.eventIds)];
  const listIds = [...new Set(scope.listIds)];
  const events = await tx.event.count({ where: { id: { in: eventIds }, organizationId } });
  if (events !== eventIds.length) throw new AppError("NOT_FOUND", "Event not found.", { field: "eventIds" });
  if (listIds.length > 0) {
    const lists = await tx.checkinList.count({ where: { id: { in: listIds }, organizationId, eventId: { in: eventIds }, archivedAt: null } });
    if (lists !== listIds.length) throw new AppError("NOT_FOUND", "Check-in list not found (lists must belong to the device's events).", { field: "listIds" });
  }
  return { eventIds, listIds };
}
