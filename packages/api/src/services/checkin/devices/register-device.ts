import type { Db, Prisma, TeamRole } from "@marquee/db";
import type { z } from "zod";
import type { Clock } from "../../../clock.ts";
import { AppError } from "../../../errors.ts";
import { roleCan } from "../../../permissions.ts";
import { type TAuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { TPairDeviceOutput, ZRegisterDeviceInput } from "../checkin-schemas.ts";
import { generateDeviceCredential, secretDigest } from "./device-secret.ts";
import { checkDeviceScope } from "./device-scope.ts";
import { deviceSelf } from "./device-self.ts";

type Tx = Prisma.TransactionClient;
export type TRegisterDeviceInput = Omit<z.infer<typeof ZRegisterDeviceInput>, "organizationId">;

/**
 * A signed-in member registers their own phone as a scanner (no pairing code): the device acts for
 * them (userId), is ACTIVE at once, and its credential is answered once. A SUPERVISOR device needs
 * a role with checkin.supervise (FORBIDDEN otherwise); events must be the organisation's. When the
 * member later leaves the team or loses checkin.scan, authenticateDevice refuses the device.
 */
export async function registerDevice(
  deps: { db: Db; clock: Clock },
  member: { organizationId: string; role: TeamRole; actor: TAuditActor & { userId: string } },
  input: TRegisterDeviceInput,
): Promise<TPairDeviceOutput> {
  if (input.role === "SUPERVISOR" && !roleCan(member.role, "checkin.supervise")) {
    throw new AppError("FORBIDDEN", "Your role may register a scanner, not a supervisor device.", { field: "role" });
  }
  const now = deps.clock.now();
  const credential = generateDeviceCredential();
  return deps.db.$transaction(async (tx: Tx) => {
    const { eventIds } = await checkDeviceScope(tx, member.organizationId, { eventIds: input.eventIds, listIds: [] });
    const device = await tx.checkinDevice.create({
      data: {
        organizationId: member.organizationId,
        name: input.name,
        gate: input.gate,
        role: input.role,
        eventIds,
        status: "ACTIVE",
        tokenHash: secretDigest(credential),
        pairedAt: now,
        lastSeenAt: now,
        appVersion: input.appVersion ?? null,
        userId: member.actor.userId,
        createdById: member.actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      organizationId: member.organizationId,
      actor: member.actor,
      action: "checkin-device.register",
      targetType: "checkin-device",
      targetId: device.id,
      data: { name: input.name, gate: input.gate, role: input.role, eventIds },
    });
    return { device: await deviceSelf(tx, device.id), credential, serverTime: now };
  });
}
