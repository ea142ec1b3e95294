import type { Prisma } from "@marquee/db";
import { AppError } from "../../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TDevicePairing } from "../checkin-schemas.ts";
import { CONSOLE_DEVICE_SELECT, toConsoleDevice } from "./console-device.ts";
import type { TDeviceDeps, TDeviceScope } from "./device-deps.ts";
import { newPairingToken, pairingAnswer } from "./device-pairing.ts";

type Tx = Prisma.TransactionClient;

/**
 * Rolls a device's credential: the old one dies at once (its digest is cleared, so its next request
 * is UNAUTHORIZED), the device is PENDING again with a new pairing token for the phone to pair
 * with. A revoked device cannot be rolled (CONFLICT DEVICE_REVOKED: create a new one). Audited.
 */
export async function rollDevice(deps: TDeviceDeps, scope: TDeviceScope, deviceId: string): Promise<TDevicePairing> {
  const pairing = newPairingToken(deps.clock);
  const row = await deps.db.$transaction(async (tx: Tx) => {
    const device = await tx.checkinDevice.findFirst({ where: { id: deviceId, organizationId: scope.organizationId }, select: { id: true, status: true } });
    if (!device) throw new AppError("NOT_FOUND", "Device not found.");
    if (device.status === "REVOKED") throw new AppError("CONFLICT", "This device is revoked; create a new one instead.", { reason: "DEVICE_REVOKED" });
    const updated = await tx.checkinDevice.update({
      where: { id: device.id },
      data: {
        tokenHash: null,
        status: "PENDING",
        pairingTokenHash: pairing.pairingTokenHash,
        pairingExpiresAt: pairing.pairingExpiresAt,
        credentialRolledAt: deps.clock.now(),
      },
      select: CONSOLE_DEVICE_SELECT,
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "checkin-device.roll",
      targetType: "checkin-device",
      targetId: device.id,
      data: { previousStatus: device.status },
    });
    return updated;
  });
  return pairingAnswer(await toConsoleDevice(deps, row), pairing.token, pairing.pairingExpiresAt, deps.checkinUrl);
}
