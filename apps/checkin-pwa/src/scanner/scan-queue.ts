import { MAX_UPLOAD_SCANS } from "@marquee/api/services/checkin/checkin-schemas";
import { scannerDb, type TQueuedScan } from "./db.ts";
import { type TJson, uploadScans } from "./device-api.ts";
import type { TUploadScan } from "@marquee/api/services/checkin/checkin-schemas";

// The local queue of this device's scans. Every scan (any verdict) is written here with its random
// nonce before anything else happens to it; uploads send the same nonce on every retry, so the
// server records it once. Entries stay after upload for the recent list and the counts.

const MAX_ANNULMENTS = 100;
/** Under uploadScans' 512 KB body cap (maxBodyBytes), with room for the annulments. */
const MAX_BATCH_BYTES = 480 * 1024;

export interface TUploadOutcome {
  sent: number;
  /** Scans still waiting to be sent for the first time: upload again at once. */
  more: boolean;
}

/** 16 random bytes as base64url: 22 characters, what the server accepts as a nonce. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Stores a new scan. */
export const enqueueScan = (scan: TQueuedScan) => scannerDb().queue.put(scan);

/** Scans (or annulments) the server has not confirmed yet. */
export const countPending = () => scannerDb().queue.where("state").equals("pending").count();

/** The newest scans of this device, newest first. */
export const recentScans = (limit = 20) => scannerDb().queue.orderBy("scannedAt").reverse().limit(limit).toArray();

/**
 * Uploads one batch of pending scans and annulments; says whether more scans wait (call again at once).
 * Throws DeviceApiError on failure (the caller backs off and retries the same nonces).
 */
export async function uploadPendingBatch(credential: string): Promise<TUploadOutcome> {
  const db = scannerDb();
  const pending = await db.queue.where("state").equals("pending").sortBy("scannedAt");
  if (pending.length === 0) return { sent: 0, more: false };
  const candidates = pending.filter((entry) => entry.serverResult === undefined);
  const annul = pending.filter((entry) => entry.annulledAt !== undefined && !entry.annulmentSent).slice(0, MAX_ANNULMENTS);
  // At most 500 scans, and a body the API's size cap takes (a signed code is a few hundred bytes).
  const unsent: TQueuedScan[] = [];
  const scans: TJson<TUploadScan>[] = [];
  let bytes = 0;
  for (const entry of candidates) {
    if (scans.length >= MAX_UPLOAD_SCANS) break;
    const scan: TJson<TUploadScan> = {
      nonce: entry.nonce,
      code: entry.code,
      kind: entry.kind,
      listId: entry.listId,
      scannedAt: new Date(entry.scannedAt).toISOString(),
      deviceResult: entry.deviceResult,
      offline: entry.offline,
      ...(entry.override ? { override: entry.override } : {}),
    };
    const size = JSON.stringify(scan).length + 1;
    if (scans.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    bytes += size;
    scans.push(scan);
    unsent.push(entry);
  }
  // An annulment of a scan not sent yet waits for the next batch, after the scan itself.
  const annulments = annul.filter((entry) => entry.serverResult !== undefined || unsent.includes(entry));
  const answer = await uploadScans(
    credential,
    scans,
    annulments.map((entry) => ({ nonce: entry.nonce, annulledAt: new Date(entry.annulledAt!).toISOString() })),
  );
  const byNonce = new Map(pending.map((entry) => [entry.nonce, entry]));
  const updated = new Map<string, TQueuedScan>();
  for (const result of answer.results) {
    const entry = byNonce.get(result.nonce);
    if (entry) updated.set(entry.nonce, { ...entry, serverResult: result.result, conflict: result.conflict });
  }
  for (const result of answer.annulments) {
    const entry = updated.get(result.nonce) ?? byNonce.get(result.nonce);
    if (entry) updated.set(entry.nonce, { ...entry, annulmentSent: true });
  }
  const rows = [...updated.values()].map((entry) => ({ ...entry, attempts: entry.attempts + 1, state: stateOf(entry) }));
  await db.queue.bulkPut(rows);
  return { sent: scans.length, more: candidates.length > unsent.length };
}

const stateOf = (entry: TQueuedScan): TQueuedScan["state"] =>
  entry.serverResult === undefined || (entry.annulledAt !== undefined && !entry.annulmentSent) ? "pending" : "done";

/** Marks an own scan annulled (Undo): it waits in the queue until the server confirms the annulment. */
export async function markAnnulled(nonce: string, annulledAt: number): Promise<TQueuedScan | undefined> {
  const db = scannerDb();
  const entry = await db.queue.get(nonce);
  if (!entry) return undefined;
  const next: TQueuedScan = { ...entry, annulledAt, annulmentSent: false, state: "pending" };
  await db.queue.put(next);
  return next;
}
