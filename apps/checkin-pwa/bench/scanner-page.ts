// The scanner app driven in Chromium for the bench, through the test ids and performance measures
// agreed with the app ("checkin:verdict" per scan, "checkin:sync" per full sync), and its IndexedDB
// (apps/checkin-pwa/src/scanner/db.ts) read or filled from inside the page.
import { type Page, expect } from "@playwright/test";

const DB_NAME = "marquee-checkin";

/** Durations (ms) of the page's performance measures of this name, oldest first. */
export const measures = (page: Page, name: string): Promise<number[]> =>
  page.evaluate((measure) => performance.getEntriesByName(measure).map((entry) => entry.duration), name);

/** Pairs with the console's pairing payload; answers the wall time from the click to the first full sync in IndexedDB. */
export async function pairAndSync(page: Page, qrText: string, timeoutMs: number): Promise<number> {
  await page.goto("/");
  await page.getByTestId("pairing-code").fill(qrText);
  const startedAt = performance.now();
  await page.getByRole("button", { name: "Pair this device" }).click();
  await expect(page.getByTestId("sync-state")).toHaveAttribute("data-state", "ready", { timeout: timeoutMs });
  return performance.now() - startedAt;
}

/** Scans one code through the input and waits for its verdict measure; answers the epoch ms the verdict was shown. */
export async function scanOne(page: Page, code: string): Promise<number> {
  const before = (await measures(page, "checkin:verdict")).length;
  const input = page.getByTestId("scan-input");
  await input.fill(code);
  await input.press("Enter");
  return page
    .waitForFunction(
      (count) => {
        const entries = performance.getEntriesByName("checkin:verdict");
        if (entries.length <= count) return false;
        const last = entries[entries.length - 1]!;
        return performance.timeOrigin + last.startTime + last.duration;
      },
      before,
      { polling: "raf" },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

/**
 * The offline data's size, two ways: the UTF-8 bytes of every stored record serialised as JSON
 * (what the app keeps, without IndexedDB's own overhead), and navigator.storage.estimate()'s usage
 * (the origin's whole storage: IndexedDB with its indexes, plus the service worker's cache).
 */
export async function offlineDataSize(page: Page): Promise<{ recordBytes: Record<string, number>; usage: number }> {
  return page.evaluate(async (name) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const encoder = new TextEncoder();
    const recordBytes: Record<string, number> = {};
    for (const store of Array.from(database.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = database.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      recordBytes[store] = records.reduce<number>((sum, record) => sum + encoder.encode(JSON.stringify(record)).byteLength, 0);
    }
    database.close();
    return { recordBytes, usage: (await navigator.storage.estimate()).usage ?? 0 };
  }, DB_NAME);
}

/** A scan as the app queues it (TQueuedScan in src/scanner/db.ts), waiting for its upload. */
export interface TQueuedScanRow {
  nonce: string;
  code: string;
  kind: "ENTRY";
  listId: string;
  eventId: string;
  ticketId: string;
  scannedAt: number;
  deviceResult: "ACCEPTED";
  offline: true;
  state: "pending";
  attempts: 0;
}

/** Puts scans straight into the app's upload queue (typing 10,000 codes would time the typing, not the upload). */
export async function fillUploadQueue(page: Page, rows: TQueuedScanRow[]): Promise<void> {
  await page.evaluate(
    async ({ name, rows }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = database.transaction("queue", "readwrite");
        for (const row of rows) transaction.objectStore("queue").put(row);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      database.close();
    },
    { name: DB_NAME, rows },
  );
}

/**
 * Starts watching the page's IndexedDB for a scan of this ticket (another device's, pushed or
 * synced); the promise answers the epoch ms it was first seen, polled every 5 ms inside the page.
 */
export function watchForScanOf(page: Page, ticketId: string, timeoutMs: number): Promise<number> {
  return page.evaluate(
    async ({ name, ticketId, timeoutMs }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const deadline = Date.now() + timeoutMs;
      try {
        while (Date.now() < deadline) {
          const count = await new Promise<number>((resolve, reject) => {
            const request = database.transaction("scans").objectStore("scans").index("ticketId").count(ticketId);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (count > 0) return Date.now();
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        throw new Error(`no scan of ticket ${ticketId} within ${timeoutMs} ms`);
      } finally {
        database.close();
      }
    },
    { name: DB_NAME, ticketId, timeoutMs },
  );
}
