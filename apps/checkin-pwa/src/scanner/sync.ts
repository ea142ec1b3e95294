import { readMeta, scannerDb, writeMeta } from "./db.ts";
import { fetchCheckinData, type TCheckinDataJson } from "./device-api.ts";
import type { LocalIndex } from "./local-index.ts";

// Sync with the server's cursor: without one (first start, or after the server answers `full`)
// the pages of a full sync follow each other at once while `hasMore`; after that one delta per
// tick. A full sync is measured as performance "checkin:sync".

export interface TSyncOutcome {
  full: boolean;
  device: TCheckinDataJson["device"] | null;
  serverTime: number | null;
}

/** Runs one sync (every page of it); throws DeviceApiError when a call fails (the cursor kept is the last applied page's). */
export async function runSync(credential: string, index: LocalIndex, pageSize?: number): Promise<TSyncOutcome> {
  let cursor = (await readMeta<string>("cursor")) ?? null;
  const started = performance.now();
  let full = false;
  let device: TCheckinDataJson["device"] | null = null;
  let serverTime: number | null = null;
  for (;;) {
    const page = await fetchCheckinData(credential, cursor, pageSize);
    if (page.full && !full) {
      // The start of a full sync: the local index is rebuilt from scratch, own scans kept.
      full = true;
      await index.reset();
      await readdOwnScans(index);
    }
    await index.applyPage(page);
    cursor = page.cursor;
    await writeMeta("cursor", cursor);
    device = page.device;
    serverTime = Date.parse(page.serverTime);
    if (!page.hasMore) break;
  }
  if (full) {
    performance.measure("checkin:sync", { start: started, end: performance.now() });
    await writeMeta("ready", true);
  }
  await writeMeta("lastSyncAt", Date.now());
  return { full, device, serverTime };
}

/** After a reset, this device's own counted scans go back into the index (the server may not have them yet). */
async function readdOwnScans(index: LocalIndex): Promise<void> {
  const session = await readMeta<{ device: { id: string; name: string; gate: string } }>("session");
  const own = await scannerDb().queue.toArray();
  for (const entry of own) {
    const counted = (entry.deviceResult === "ACCEPTED" || entry.override) && entry.ticketId;
    if (!counted) continue;
    await index.recordScan({
      nonce: entry.nonce,
      eventId: entry.eventId,
      listId: entry.listId,
      ticketId: entry.ticketId!,
      kind: entry.kind,
      scannedAt: entry.scannedAt,
      gate: session?.device.gate ?? null,
      deviceId: session?.device.id ?? null,
      deviceName: session?.device.name ?? null,
      annulled: entry.annulledAt !== undefined,
    });
  }
}
