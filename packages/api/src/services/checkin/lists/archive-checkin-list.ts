import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import { AppError } from "../../../errors.ts";
import { type TAuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { TCheckinList } from "../checkin-schemas.ts";
import { CHECKIN_LIST_SELECT, toCheckinList } from "./checkin-list-view.ts";

type Tx = Prisma.TransactionClient;

/**
 * Archives one of the organisation's check-in lists (its scans stay counted), audited. The event's
 * last active list cannot go: CONFLICT LAST_ACTIVE_LIST (devices would have nothing to scan on).
 * Archiving an archived list answers it unchanged. The event row is locked so two archives racing
 * on the last two lists cannot both pass the count.
 */
export async function archiveCheckinList(
  deps: { db: Db; clock: Clock },
  scope: { organizationId: string; actor: TAuditActor },
  listId: string,
): Promise<TCheckinList> {
  return deps.db.$transaction(async (tx: Tx) => {
    const list = await tx.checkinList.findFirst({ where: { id: listId, organizationId: scope.organizationId }, select: CHECKIN_LIST_SELECT });
    if (!list) throw new AppError("NOT_FOUND", "Check-in list not found.");
    if (list.archivedAt) return toCheckinList(list);
    await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${list.eventId}::uuid FOR UPDATE`;
    const active = await tx.checkinList.count({ where: { eventId: list.eventId, archivedAt: null } });
    if (active <= 1) throw new AppError("CONFLICT", "An event keeps at least one active check-in list.", { reason: "LAST_ACTIVE_LIST" });
    const row = await tx.checkinList.update({ where: { id: list.id }, data: { archivedAt: deps.clock.now() }, select: CHECKIN_LIST_SELECT });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "checkin-list.archive",
      targetType: "checkin-list",
      targetId: list.id,
      data: { eventId: list.eventId, name: list.name },
    });
    return toCheckinList(row);
  });
}
