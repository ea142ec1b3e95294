import type { Prisma } from "@marquee/db";
import type { TUploadScansOutput } from "../checkin-schemas.ts";
import { scanSelect } from "../sync/sync-rows.ts";
import type { TScanDecisions } from "./decide-scans.ts";

// Small pieces of the upload's transaction: the per-nonce locks, and the "already used at" answer.

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
