import Dexie, { type EntityTable } from "dexie";
import type { CheckinScanKind, CheckinVerdict } from "@marquee/tickets";

// The scanner's offline store (IndexedDB through Dexie), one database per browser profile.
// Tickets are kept compact (< 1 MB per 10,000): one-letter keys, the event and ticket type as a
// small number into the `dict` meta row instead of two repeated UUIDs, the short code without
// dashes. Everything a verdict needs is here, so the phone decides with no network.

export const SCANNER_DB_NAME = "marquee-checkin";

/** A ticket of the index: i id (the UUID, lower case), e event and t type (numbers into the dict), c short code without dashes, s seat (its parts as dict numbers), h holder, x status (absent or 0 valid, 1 revoked, 2 transferred). */
export interface TTicketRow {
  i: string;
  e: number;
  t: number;
  c: string;
  s?: number[];
  h?: string;
  x?: 0 | 1 | 2;
}

/** A counted scan known to this device (its own, or another device's from sync or the live channel), keyed by nonce. */
export interface TKnownScanRow {
  nonce: string;
  eventId: string;
  listId: string;
  ticketId: string;
  kind: CheckinScanKind;
  scannedAt: number;
  gate: string | null;
  deviceId: string | null;
  deviceName: string | null;
  annulled: boolean;
}

export type TQueueState = "pending" | "done";

/** One scan this device made (any verdict): kept until the server has it, and after, for the recent list and counts. */
export interface TQueuedScan {
  nonce: string;
  code: string;
  kind: CheckinScanKind;
  listId: string;
  eventId: string;
  ticketId: string | null;
  scannedAt: number;
  deviceResult: CheckinVerdict;
  offline: boolean;
  override?: { reason: string };
  /** "pending" until the server answered for it (or for its annulment). */
  state: TQueueState;
  serverResult?: CheckinVerdict;
  conflict?: boolean;
  annulledAt?: number;
  annulmentSent?: boolean;
  attempts: number;
}

export interface TMetaRow {
  key: string;
  value: unknown;
}

export type TScannerDb = Dexie & {
  tickets: EntityTable<TTicketRow, "i">;
  scans: EntityTable<TKnownScanRow, "nonce">;
  queue: EntityTable<TQueuedScan, "nonce">;
  meta: EntityTable<TMetaRow, "key">;
};

let instance: TScannerDb | null = null;

/** The open database (created on first use). */
export function scannerDb(): TScannerDb {
  if (instance) return instance;
  const db = new Dexie(SCANNER_DB_NAME) as TScannerDb;
  db.version(1).stores({ tickets: "i, c", scans: "nonce, ticketId", queue: "nonce, state, scannedAt", meta: "key" });
  instance = db;
  return db;
}

/** Deletes everything this device knows (a revoked or rolled device): the credential, the index, the queue. */
export async function wipeScannerDb(): Promise<void> {
  const db = scannerDb();
  db.close();
  instance = null;
  await Dexie.delete(SCANNER_DB_NAME);
}

/** Reads one meta value. */
export async function readMeta<T>(key: string): Promise<T | undefined> {
  const row = await scannerDb().meta.get(key);
  return row?.value as T | undefined;
}

/** Writes one meta value. */
export async function writeMeta(key: string, value: unknown): Promise<void> {
  await scannerDb().meta.put({ key, value });
}
