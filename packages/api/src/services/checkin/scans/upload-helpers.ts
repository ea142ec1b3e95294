import type { Prisma } from "@marquee/db";
import type { TUploadScansOutput } from "../checkin-schemas.ts";
import { scanSelect } from "../sync/sync-rows.ts";
import type { TScanDecisions, TScanRow } from "./decide-scans.ts";

// Small pieces of the upload's transaction: the per-nonce locks, the one-statement insert, and the "already used at" answer.

type Tx = Prisma.TransactionClient;
type TPrevious = NonNullable<TUploadScansOutput["results"][number]["previous"]>;

/** Advisory lock namespace of scan nonces (the two-key form keeps clear of other features' locks). */
const NONCE_LOCK_CLASS = 1414;

/** A stored scan as the upload answers and announces it. */
export const syncScanSelect = { ...scanSelect, result: true, conflictWithScanId: true } satisfies Prisma.ScanSelect;

/**
 * Serialises uploads of the same nonces (a retry racing its original) until the transaction ends.
 * Taken in hash order, before the ticket locks, so two uploads never wait on each other in a circle.
 */
export async function lockNonces(tx: Tx, nonces: readonly string[]): Promise<void> {
  if (nonces.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${NONCE_LOCK_CLASS}::int4, h)
    FROM (SELECT DISTINCT hashtext(n) AS h FROM unnest(${[...nonces]}::text[]) AS n ORDER BY 1) AS keys`;
}

/** For each answered scan that another admission made ALREADY_USED: when, where and on which device that admission was. */
export async function previousOfRows(
  tx: Tx,
  rows: readonly { id: string; conflictWithScanId: string | null }[],
  decided: TScanDecisions,
): Promise<Map<string, TPrevious>> {
  const answers = new Map<string, TPrevious>();
  const batch = new Map(decided.rows.map((row) => [row.id, row]));
  const missing = new Set<string>();
  for (const row of rows) {
    const prior = decided.previousOf.get(row.id);
    if (prior && (!row.conflictWithScanId || row.conflictWithScanId === prior.id)) {
      answers.set(row.id, { scannedAt: new Date(prior.scannedAt), gate: prior.gate, deviceName: prior.deviceName });
    } else if (row.conflictWithScanId && !batch.has(row.conflictWithScanId)) missing.add(row.conflictWithScanId);
  }
  const stored = missing.size > 0 ? await tx.scan.findMany({ where: { id: { in: [...missing] } }, select: scanSelect }) : [];
  const byId = new Map(stored.map((scan) => [scan.id, { scannedAt: scan.scannedAt, gate: scan.gate, deviceName: scan.device?.name ?? null }]));
  for (const row of rows) {
    if (answers.has(row.id) || !row.conflictWithScanId) continue;
    const inBatch = batch.get(row.conflictWithScanId);
    const found = inBatch ? { scannedAt: inBatch.scannedAt, gate: inBatch.gate, deviceName: null } : byId.get(row.conflictWithScanId);
    if (found) answers.set(row.id, found);
  }
  return answers;
}

/** Inserts the batch's scans in one statement (arrays, not 18 parameters per row: 500 rows stay one round trip). */
export async function insertScans(tx: Tx, rows: readonly TScanRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(pick: (row: TScanRow) => T) => rows.map(pick);
  await tx.$executeRaw`
    INSERT INTO "Scan" ("id", "nonce", "eventId", "listId", "ticketId", "deviceId", "userId", "kind", "result", "deviceResult",
                        "scannedAt", "receivedAt", "offline", "conflict", "conflictWithScanId", "gate", "code", "overrideReason")
    SELECT id, nonce, event_id, list_id, ticket_id, device_id, user_id, kind::"ScanKind", result::"ScanResult", device_result::"ScanResult",
           to_timestamp(scanned_ms / 1000) AT TIME ZONE 'UTC', to_timestamp(received_ms / 1000) AT TIME ZONE 'UTC',
           offline, conflict, conflict_with, gate, code, override_reason
    FROM unnest(
      ${col((row) => row.id)}::uuid[], ${col((row) => row.nonce)}::text[], ${col((row) => row.eventId)}::uuid[], ${col((row) => row.listId)}::uuid[],
      ${col((row) => row.ticketId)}::uuid[], ${col((row) => row.deviceId)}::uuid[], ${col((row) => row.userId)}::uuid[], ${col((row) => row.kind)}::text[],
      ${col((row) => row.result)}::text[], ${col((row) => row.deviceResult)}::text[], ${col((row) => row.scannedAt.getTime())}::float8[],
      ${col((row) => row.receivedAt.getTime())}::float8[], ${col((row) => row.offline)}::bool[], ${col((row) => row.conflict)}::bool[],
      ${col((row) => row.conflictWithScanId)}::uuid[], ${col((row) => row.gate)}::text[], ${col((row) => row.code)}::text[], ${col((row) => row.overrideReason)}::text[]
    ) AS input(id, nonce, event_id, list_id, ticket_id, device_id, user_id, kind, result, device_result, scanned_ms, received_ms,
               offline, conflict, conflict_with, gate, code, override_reason)`;
}
