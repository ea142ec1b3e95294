import type { Db } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import { AppError } from "../../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TSyncScan, TUploadScan, TUploadScansOutput } from "../checkin-schemas.ts";
import type { TDeviceSession } from "../devices/authenticate-device.ts";
import { deviceLists } from "../device-scope.ts";
import { toSyncScan } from "../sync/sync-rows.ts";
import { annulScans } from "./annul-scans.ts";
import { announceScans } from "./checkin-announcements.ts";
import { decideScans, type TScanRow } from "./decide-scans.ts";
import { codeReferences, loadScanFacts } from "./scan-facts.ts";
import { insertScans, lockNonces, previousOfRows, syncScanSelect } from "./upload-helpers.ts";

// A device's queued scans arrive in batches (at most 500). Each nonce is recorded once: a retry
// answers what was recorded and changes nothing. New scans get the server's verdict with every
// device's scans known, in one transaction per batch with the named tickets locked.

/** An upload's transaction: long enough for 500 scans on a busy database. */
const UPLOAD_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;

type TDeps = { db: Db; clock: Clock };

/**
 * Records a batch of scans and annulments. Refused as a whole (FORBIDDEN, nothing recorded) when a
 * scanner (not a supervisor) sends an override, or the device scans no event. A scan for a list the
 * device may not scan is recorded WRONG_EVENT (never counts), so a queue never sticks on it.
 */
export async function uploadScans(
  deps: TDeps,
  device: TDeviceSession,
  input: { scans: readonly TUploadScan[]; annulments: readonly { nonce: string; annulledAt: Date }[] },
  ip: string | null = null,
): Promise<TUploadScansOutput> {
  if (input.scans.some((scan) => scan.override) && device.role !== "SUPERVISOR") {
    throw new AppError("FORBIDDEN", "Only a supervisor device may override a verdict.", { reason: "override_needs_supervisor" });
  }
  if (device.eventIds.length === 0) throw new AppError("FORBIDDEN", "This device may not scan any event.", { reason: "no_events" });
  const lists = await deviceLists(deps, device);
  const namedLists = [...new Set(input.scans.map((scan) => scan.listId))];
  const foreign = await deps.db.checkinList.findMany({
    where: { id: { in: namedLists.filter((id) => !lists.has(id)) }, eventId: { in: device.eventIds } },
    select: { id: true, eventId: true },
  });
  const foreignLists = new Map(foreign.map((list) => [list.id, list]));
  const refs = codeReferences(input.scans);

  return deps.db.$transaction(async (tx) => {
    const now = deps.clock.now();
    await lockNonces(tx, [...input.scans.map((scan) => scan.nonce), ...input.annulments.map((annulment) => annulment.nonce)]);
    const recorded = await tx.scan.findMany({ where: { nonce: { in: input.scans.map((scan) => scan.nonce) } }, select: syncScanSelect });
    const recordedNonces = new Set(recorded.map((scan) => scan.nonce));
    const fresh = new Map<string, TUploadScan>();
    for (const scan of input.scans) if (!recordedNonces.has(scan.nonce) && !fresh.has(scan.nonce)) fresh.set(scan.nonce, scan);

    const facts = await loadScanFacts(tx, { eventIds: device.eventIds, listIds: [...lists.keys(), ...foreignLists.keys()], ...refs });
    const decided = await decideScans({ device, scans: [...fresh.values()], lists, foreignLists, facts, now });
    await insertScans(tx, decided.rows);
    for (const [id, admissionId] of decided.flips) {
      await tx.scan.update({ where: { id }, data: { result: "ALREADY_USED", conflict: true, conflictWithScanId: admissionId } });
    }
    await markCheckedIn(tx, decided.rows);
    for (const row of decided.rows.filter((candidate) => candidate.overrideReason !== null)) {
      await recordAudit(tx, {
        organizationId: device.organizationId,
        actor: { kind: "device", userId: device.userId, credentialId: device.id, ip },
        action: "checkin.override",
        targetType: "scan",
        targetId: row.id,
        data: { ticketId: row.ticketId, listId: row.listId, reason: row.overrideReason, gate: row.gate, deviceName: device.name },
      });
    }
    const annulled = await annulScans(tx, { device, annulments: input.annulments, now });

    const counted = decided.rows.filter((row) => row.result === "ACCEPTED" && row.ticketId && row.listId).map((row) => syncScanOf(row, device.name));
    const flipped = decided.flips.size > 0 ? await tx.scan.findMany({ where: { id: { in: [...decided.flips.keys()] } }, select: syncScanSelect }) : [];
    await announceScans(tx, [...counted, ...flipped.map(toSyncScan), ...annulled.announced]);

    const rowsByNonce = new Map(decided.rows.map((row) => [row.nonce, row]));
    const previous = await previousOfRows(tx, [...decided.rows, ...recorded], decided);
    const results: TUploadScansOutput["results"] = input.scans.map((scan) => {
      const row = rowsByNonce.get(scan.nonce);
      const firstOccurrence = row && fresh.get(scan.nonce) === scan;
      const stored = row ?? recorded.find((candidate) => candidate.nonce === scan.nonce)!;
      return {
        nonce: scan.nonce,
        scanId: stored.id,
        new: Boolean(firstOccurrence),
        result: stored.result,
        conflict: stored.conflict,
        previous: previous.get(stored.id) ?? null,
      };
    });
    return { results, annulments: annulled.results, serverTime: now };
  }, UPLOAD_TRANSACTION);
}

/** A new counted scan in the sync shape (no read back: the row was just written). */
const syncScanOf = (row: TScanRow, deviceName: string): TSyncScan => ({
  id: row.id,
  nonce: row.nonce,
  eventId: row.eventId,
  listId: row.listId!,
  ticketId: row.ticketId!,
  kind: row.kind,
  scannedAt: row.scannedAt,
  gate: row.gate,
  deviceId: row.deviceId,
  deviceName,
  annulled: false,
  conflict: false,
});

/** Ticket.checkedInAt: the earliest counted entry, set by the first one (or moved earlier by an earlier upload). */
async function markCheckedIn(tx: Parameters<typeof lockNonces>[0], rows: readonly TScanRow[]): Promise<void> {
  const entries = rows.filter((row) => row.result === "ACCEPTED" && row.kind === "ENTRY" && row.ticketId);
  if (entries.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Ticket" t SET "checkedInAt" = LEAST(COALESCE(t."checkedInAt", e.at), e.at)
    FROM (SELECT id, min(to_timestamp(ms / 1000) AT TIME ZONE 'UTC') AS at
          FROM unnest(${entries.map((row) => row.ticketId!)}::uuid[], ${entries.map((row) => row.scannedAt.getTime())}::float8[]) AS x(id, ms) GROUP BY id) e
    WHERE t."id" = e.id AND (t."checkedInAt" IS NULL OR t."checkedInAt" > e.at)`;
}
