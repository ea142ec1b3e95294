import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import { AppError } from "../../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TConsoleDevice } from "../checkin-schemas.ts";
import { CONSOLE_DEVICE_SELECT, toConsoleDevice } from "./console-device.ts";
import type { TDeviceScope } from "./device-deps.ts";

type Tx = Prisma.TransactionClient;

/**
 * Revokes a device for good: status REVOKED, any pending pairing token cleared. Its credential is
 * kept so its next contact is told DEVICE_REVOKED (the app wipes its data) rather than a bare 401.
 * Revoking a revoked device answers it unchanged. Audited.
 */
export async function revokeDevice(deps: { db: Db; clock: Clock }, scope: TDeviceScope, deviceId: string): Promise<TConsoleDevice> {
  const row = await deps.db.$transaction(async (tx: Tx) => {
    const device = await tx.checkinDevice.findFirst({ where: { id: deviceId, organizationId: scope.organizationId }, select: CONSOLE_DEVICE_SELECT });
    if (!device) throw new AppError("NOT_FOUND", "Device not found.");
    if (device.status === "REVOKED") return device;
    const updated = await tx.checkinDevice.update({
      where: { id: device.id },
      data: { status: "REVOKED", revokedAt: deps.clock.now(), pairingTokenHash: null, pairingExpiresAt: null },
      select: CONSOLE_DEVICE_SELECT,
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "checkin-device.revoke",
      targetType: "checkin-device",
      targetId: device.id,
      data: { name: device.name, previousStatus: device.status },
    });
    return updated;
  });
  return toConsoleDevice(deps, row);
}
