import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { lockOrganizationEvent } from "./event-access.ts";
import { organizerEvent } from "./event-output.ts";
import type { TOrganizerEvent, TWaitingRoomInput } from "./event-schemas.ts";

type Tx = Prisma.TransactionClient;

/** The waiting room's settings (the queue service reads them on every tick). Audited before/after. */
export async function setWaitingRoom(
  deps: Pick<TBookingDeps, "db">,
  scope: { organizationId: string; actor: TAuditActor },
  input: TWaitingRoomInput,
): Promise<TOrganizerEvent> {
  const event = await deps.db.$transaction(async (tx: Tx) => {
    const before = await lockOrganizationEvent(tx, scope.organizationId, input.eventId);
    if (input.opensAt && input.opensAt > before.onSaleAt) {
      throw new AppError("VALIDATION_ERROR", "The pre-queue must open before the sale starts.", { field: "opensAt" });
    }
    const data = {
      waitingRoomEnabled: input.enabled,
      waitingRoomOpensAt: input.opensAt,
      waitingRoomOverbookPct: input.overbookPct,
      waitingRoomAdmitPerMinute: input.admitPerMinute,
      admissionTtlSeconds: input.admissionTtlSeconds,
    };
    const updated = await tx.event.update({ where: { id: before.id }, data });
    const pick = (e: typeof before) => ({
      enabled: e.waitingRoomEnabled,
      opensAt: e.waitingRoomOpensAt?.toISOString() ?? null,
      overbookPct: e.waitingRoomOverbookPct,
      admitPerMinute: e.waitingRoomAdmitPerMinute,
      admissionTtlSeconds: e.admissionTtlSeconds,
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "event.waiting-room",
      targetType: "event",
      targetId: before.id,
      data: { before: pick(before), after: pick(updated) },
    });
    return updated;
  });
  return organizerEvent(event);
}
