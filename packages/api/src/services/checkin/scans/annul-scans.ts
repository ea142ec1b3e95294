import type { Prisma } from "@marquee/db";
import type { TSyncScan } from "../checkin-schemas.ts";
import type { TDeviceSession } from "../devices/authenticate-device.ts";
import { scanSelect, toSyncScan } from "../sync/sync-rows.ts";

// Undo on the scanner (a slip of the finger, a turnstile that did not turn): a device may annul its
// own scan, once, within two minutes of the scan by its own clock. The row stays (statistics) with
// annulledAt set to the server's time, so deltas and the live channel carry the annulment.

type Tx = Prisma.TransactionClient;

/** How long after a scan (device time) its device may still undo it. */
export const ANNUL_WINDOW_MS = 2 * 60_000;

export interface TAnnulmentResult {
  nonce: string;
  annulled: boolean;
  reason: "NOT_FOUND" | "NOT_OWN_SCAN" | "TOO_LATE" | null;
}

/** Applies the annulments; returns each one's answer and the announcements of the counted scans annulled now. */
export async function annulScans(
  tx: Tx,
  input: { device: TDeviceSession; annulments: readonly { nonce: string; annulledAt: Date }[]; now: Date },
): Promise<{ results: TAnnulmentResult[]; announced: TSyncScan[] }> {
  if (input.annulments.length === 0) return { results: [], announced: [] };
  const scans = await tx.scan.findMany({
    where: { nonce: { in: input.annulments.map((annulment) => annulment.nonce) } },
    select: { id: true, nonce: true, deviceId: true, scannedAt: true, annulledAt: true, result: true, kind: true, ticketId: true, listId: true },
  });
  const byNonce = new Map(scans.map((scan) => [scan.nonce, scan]));
  const results: TAnnulmentResult[] = [];
  const annulIds: string[] = [];
  for (const annulment of input.annulments) {
    const scan = byNonce.get(annulment.nonce);
    if (!scan) results.push({ nonce: annulment.nonce, annulled: false, reason: "NOT_FOUND" });
    else if (scan.deviceId !== input.device.id) results.push({ nonce: annulment.nonce, annulled: false, reason: "NOT_OWN_SCAN" });
    else if (scan.annulledAt || annulIds.includes(scan.id)) results.push({ nonce: annulment.nonce, annulled: true, reason: null });
    else if (annulment.annulledAt.getTime() - scan.scannedAt.getTime() > ANNUL_WINDOW_MS)
      results.push({ nonce: annulment.nonce, annulled: false, reason: "TOO_LATE" });
    else {
      annulIds.push(scan.id);
      results.push({ nonce: annulment.nonce, annulled: true, reason: null });
    }
  }
  if (annulIds.length === 0) return { results, announced: [] };
  await tx.scan.updateMany({ where: { id: { in: annulIds }, annulledAt: null }, data: { annulledAt: input.now } });
  const ticketIds = [...new Set(scans.filter((scan) => annulIds.includes(scan.id) && scan.ticketId && scan.kind === "ENTRY").map((scan) => scan.ticketId!))];
  if (ticketIds.length > 0) {
    // The ticket's first admission is the earliest entry still counted on any list, or none.
    await tx.$executeRaw`
      UPDATE "Ticket" t SET "checkedInAt" = (
        SELECT min(s."scannedAt") FROM "Scan" s
        WHERE s."ticketId" = t."id" AND s."result" = 'ACCEPTED' AND s."kind" = 'ENTRY' AND s."annulledAt" IS NULL)
      WHERE t."id" = ANY(${ticketIds}::uuid[])`;
  }
  const annulled = await tx.scan.findMany({
    where: { id: { in: annulIds }, ticketId: { not: null }, listId: { not: null }, result: "ACCEPTED" },
    select: scanSelect,
  });
  return { results, announced: annulled.map(toSyncScan) };
}
