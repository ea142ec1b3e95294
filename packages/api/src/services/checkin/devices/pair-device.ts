import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import { AppError } from "../../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TPairDeviceOutput } from "../checkin-schemas.ts";
import { generateDeviceCredential, secretDigest } from "./device-secret.ts";
import { pairingTokenDigest } from "./device-pairing.ts";
import { deviceSelf } from "./device-self.ts";

type Tx = Prisma.TransactionClient;

// One answer for every refusal: an unknown, used, expired or revoked token look the same, so the
// endpoint tells a guesser nothing.
const invalid = () => new AppError("PAIRING_TOKEN_INVALID", "This pairing code is not valid: it may have been used or expired. Ask for a new one.");

/**
 * Redeems a one-time pairing token (from the QR code or typed): the device becomes ACTIVE with a
 * new credential, answered once (only its digest is kept), and the token is cleared. The update is
 * conditional on the token still being there, unexpired and the device PENDING, so of two phones
 * racing with one token exactly one wins; the other gets 410 PAIRING_TOKEN_INVALID, as do unknown,
 * used and expired tokens. Audited as the device.
 */
export async function pairDevice(
  deps: { db: Db; clock: Clock },
  input: { token: string; appVersion?: string | undefined },
  request: { ip: string | null },
): Promise<TPairDeviceOutput> {
  const digest = pairingTokenDigest(input.token);
  if (!digest) throw invalid();
  const now = deps.clock.now();
  const credential = generateDeviceCredential();
  return deps.db.$transaction(async (tx: Tx) => {
    const device = await tx.checkinDevice.findUnique({ where: { pairingTokenHash: digest }, select: { id: true, organizationId: true } });
    if (!device) throw invalid();
    const { count } = await tx.checkinDevice.updateMany({
      where: { id: device.id, pairingTokenHash: digest, status: "PENDING", pairingExpiresAt: { gt: now } },
      data: {
        tokenHash: secretDigest(credential),
        status: "ACTIVE",
        pairedAt: now,
        lastSeenAt: now,
        appVersion: input.appVersion ?? null,
        pairingTokenHash: null,
        pairingExpiresAt: null,
      },
    });
    if (count !== 1) throw invalid();
    await recordAudit(tx, {
      organizationId: device.organizationId,
      actor: { kind: "device", userId: null, credentialId: device.id, ip: request.ip },
      action: "checkin-device.pair",
      targetType: "checkin-device",
      targetId: device.id,
      data: { appVersion: input.appVersion ?? null },
    });
    return { device: await deviceSelf(tx, device.id), credential, serverTime: now };
  });
}
