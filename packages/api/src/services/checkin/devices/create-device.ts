import type { Prisma } from "@marquee/db";
import type { z } from "zod";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TDevicePairing, ZCreateDeviceInput } from "../checkin-schemas.ts";
import { CONSOLE_DEVICE_SELECT, toConsoleDevice } from "./console-device.ts";
import type { TDeviceDeps, TDeviceScope } from "./device-deps.ts";
import { newPairingToken, pairingAnswer } from "./device-pairing.ts";
import { checkDeviceScope } from "./device-scope.ts";

type Tx = Prisma.TransactionClient;
export type TCreateDeviceInput = Omit<z.infer<typeof ZCreateDeviceInput>, "organizationId">;

/**
 * A new scanner device, PENDING until a phone redeems its pairing token (15 minutes, once).
 * Events and lists must be the organisation's (NOT_FOUND otherwise). Audited; the token is shown
 * now and only its digest is kept.
 */
export async function createDevice(deps: TDeviceDeps, scope: TDeviceScope, input: TCreateDeviceInput): Promise<TDevicePairing> {
  const pairing = newPairingToken(deps.clock);
  const row = await deps.db.$transaction(async (tx: Tx) => {
    const { eventIds, listIds } = await checkDeviceScope(tx, scope.organizationId, input);
    const created = await tx.checkinDevice.create({
      data: {
        organizationId: scope.organizationId,
        name: input.name,
        gate: input.gate,
        role: input.role,
        eventIds,
        listIds,
        status: "PENDING",
        pairingTokenHash: pairing.pairingTokenHash,
        pairingExpiresAt: pairing.pairingExpiresAt,
        createdById: scope.actor.userId,
      },
      select: CONSOLE_DEVICE_SELECT,
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "checkin-device.create",
      targetType: "checkin-device",
      targetId: created.id,
      data: { name: input.name, gate: input.gate, role: input.role, eventIds, listIds },
    });
    return created;
  });
  return pairingAnswer(await toConsoleDevice(deps, row), pairing.token, pairing.pairingExpiresAt, deps.checkinUrl);
}
