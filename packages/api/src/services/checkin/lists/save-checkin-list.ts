import type { Db, Prisma } from "@marquee/db";
import type { z } from "zod";
import { AppError } from "../../../errors.ts";
import { type TAuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { TCheckinList, ZCheckinListSave } from "../checkin-schemas.ts";
import { CHECKIN_LIST_SELECT, toCheckinList } from "./checkin-list-view.ts";

type Tx = Prisma.TransactionClient;
export type TCheckinListSave = Omit<z.infer<typeof ZCheckinListSave>, "organizationId">;

/** The checks every save makes: the window's order, the ticket types' event, a name free among the event's active lists. */
async function checkListTerms(tx: Tx, organizationId: string, input: TCheckinListSave): Promise<void> {
  const event = await tx.event.findFirst({ where: { id: input.eventId, organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  if (input.validFrom && input.validUntil && input.validUntil <= input.validFrom) {
    throw new AppError("VALIDATION_ERROR", "The list must close after it opens.", { field: "validUntil" });
  }
  if (!input.allTicketTypes && input.ticketTypeIds.length === 0) {
    throw new AppError("VALIDATION_ERROR", "Choose at least one ticket type, or all of them.", { field: "ticketTypeIds" });
  }
  const wanted = new Set(input.ticketTypeIds);
  const found = await tx.ticketType.count({ where: { id: { in: [...wanted] }, eventId: event.id } });
  if (found !== wanted.size) throw new AppError("NOT_FOUND", "Ticket type not found.", { field: "ticketTypeIds" });
  const clash = await tx.checkinList.findFirst({
    where: { eventId: event.id, archivedAt: null, name: { equals: input.name, mode: "insensitive" }, ...(input.listId ? { id: { not: input.listId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", "The event has a list with this name.", { field: "name", reason: "NAME_TAKEN" });
}

/**
 * Creates a check-in list (no listId) or updates one of the event's (listId), audited. Ticket types
 * must be the event's (NOT_FOUND otherwise), the window must close after it opens, and the name is
 * unique among the event's active lists (CONFLICT NAME_TAKEN). An archived list cannot be edited.
 */
export async function saveCheckinList(deps: { db: Db }, scope: { organizationId: string; actor: TAuditActor }, input: TCheckinListSave): Promise<TCheckinList> {
  return deps.db.$transaction(async (tx: Tx) => {
    await checkListTerms(tx, scope.organizationId, input);
    const data = {
      name: input.name,
      allTicketTypes: input.allTicketTypes,
      ticketTypeIds: input.allTicketTypes ? [] : [...new Set(input.ticketTypeIds)],
      exitScans: input.exitScans,
      // Re-entry means an exit lets the ticket in again: without exit scans it cannot happen.
      allowReentry: input.exitScans && input.allowReentry,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
    };
    let row;
    if (input.listId) {
      const before = await tx.checkinList.findFirst({ where: { id: input.listId, eventId: input.eventId, organizationId: scope.organizationId } });
      if (!before) throw new AppError("NOT_FOUND", "Check-in list not found.");
      if (before.archivedAt) throw new AppError("CONFLICT", "This list is archived.", { reason: "LIST_ARCHIVED" });
      row = await tx.checkinList.update({ where: { id: before.id }, data, select: CHECKIN_LIST_SELECT });
    } else {
      row = await tx.checkinList.create({ data: { ...data, organizationId: scope.organizationId, eventId: input.eventId }, select: CHECKIN_LIST_SELECT });
    }
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: input.listId ? "checkin-list.update" : "checkin-list.create",
      targetType: "checkin-list",
      targetId: row.id,
      data: { eventId: input.eventId, ...data, validFrom: data.validFrom?.toISOString() ?? null, validUntil: data.validUntil?.toISOString() ?? null },
    });
    return toCheckinList(row);
  });
}
