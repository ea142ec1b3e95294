// The door scanner as door staff use it, through the test ids agreed with the PWA: pair from the
// console's pairing payload, wait for the first full sync, scan through the focused input (as a
// hardware scanner types), read the verdict, and look into the device's IndexedDB.
import { type Locator, type Page, expect } from "@playwright/test";

/** Every verdict the scanner shows (ScanResult). */
export type TVerdict =
  "ACCEPTED" | "ALREADY_USED" | "REVOKED" | "INVALID_SIGNATURE" | "WRONG_EVENT" | "UNKNOWN_TICKET" | "MALFORMED" | "NOT_ON_LIST" | "NOT_YET_VALID" | "EXPIRED";

/** The scanner's own IndexedDB database (apps/checkin-pwa/src/scanner/db.ts). */
export const SCANNER_DB_NAME = "marquee-checkin";
/** The full sync can be a few thousand tickets: give it longer than a verdict. */
const SYNC_TIMEOUT_MS = 30_000;

export const verdictOf = (page: Page): Locator => page.getByTestId("verdict");
export const pendingUploads = (page: Page): Locator => page.getByTestId("pending-uploads");

/** Opens the scanner (/scan), types the pairing payload (the QR code's text) and waits for the first full sync. */
export async function pairScanner(page: Page, qrText: string): Promise<void> {
  await page.goto("/scan");
  await page.getByTestId("pairing-code").fill(qrText);
  await page.getByRole("button", { name: "Pair this device" }).click();
  await expectSynced(page);
}

/** The first full sync is in IndexedDB. */
export async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId("sync-state")).toHaveAttribute("data-state", "ready", { timeout: SYNC_TIMEOUT_MS });
}

/** The number the pending-uploads badge carries. */
export async function pendingCount(page: Page): Promise<number> {
  return Number(await pendingUploads(page).getAttribute("data-count"));
}

/** Types a code into the scan field and presses Enter, as a hardware scanner does. */
export async function scan(page: Page, code: string): Promise<void> {
  const input = page.getByTestId("scan-input");
  await input.fill(code);
  await input.press("Enter");
}

/**
 * Scans offline and checks the verdict: the queue holds `queued` scans (so the overlay shown is
 * this scan's, even when it repeats the previous verdict) and the overlay names the verdict. One
 * page read per check: 200 scans on a busy two-core machine add up.
 */
export async function scanOffline(page: Page, code: string, expected: TVerdict, queued: number, label: string): Promise<void> {
  await scan(page, code);
  const shown = () =>
    page.evaluate(() => {
      const attribute = (testId: string, name: string) => document.querySelector(`[data-testid="${testId}"]`)?.getAttribute(name) ?? null;
      return `${attribute("pending-uploads", "data-count")} queued, ${attribute("verdict", "data-verdict")}`;
    });
  await expect.poll(shown, { message: label, intervals: [20, 50, 100, 250] }).toBe(`${queued} queued, ${expected}`);
}

/** Records per object store of the scanner's IndexedDB (no entry: the database does not exist). */
export async function scannerStoreCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async (name) => {
    const names = (await indexedDB.databases()).map((database) => database.name);
    if (!names.includes(name)) return {};
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const counts: Record<string, number> = {};
    for (const store of Array.from(database.objectStoreNames)) {
      counts[store] = await new Promise<number>((resolve, reject) => {
        const request = database.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    database.close();
    return counts;
  }, SCANNER_DB_NAME);
}

/** Whether any IndexedDB record or localStorage entry of the app still holds a device credential. */
export async function holdsDeviceCredential(page: Page): Promise<boolean> {
  return page.evaluate(async (name) => {
    const inStorage = Object.keys(localStorage).some((key) => (localStorage.getItem(key) ?? "").includes("mq_dev_"));
    if (inStorage) return true;
    if (!(await indexedDB.databases()).some((database) => database.name === name)) return false;
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let found = false;
    for (const store of Array.from(database.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = database.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      found ||= records.some((record) => JSON.stringify(record).includes("mq_dev_"));
    }
    database.close();
    return found;
  }, SCANNER_DB_NAME);
}

/**
 * The records of one store of the scanner's IndexedDB (apps/checkin-pwa/src/scanner/db.ts), all
 * or those whose `index` equals `key`: what the device knows, read without scanning (a scan would
 * change what it knows).
 */
export async function scannerRecords(page: Page, store: string, where?: { index?: string; key: string }): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    async ({ name, store, where }) => {
      if (!(await indexedDB.databases()).some((database) => database.name === name)) return [];
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        if (!database.objectStoreNames.contains(store)) return [];
        const objectStore = database.transaction(store).objectStore(store);
        const source = where?.index ? objectStore.index(where.index) : objectStore;
        return await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = where ? source.getAll(where.key) : source.getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
      } finally {
        database.close();
      }
    },
    { name: SCANNER_DB_NAME, store, where },
  );
}

/** The device credential (mq_dev_...) as the app stored it, to call the API the way it does. */
export async function scannerCredential(page: Page): Promise<string> {
  const meta = await scannerRecords(page, "meta");
  const fromDb = /mq_dev_[\w-]+/.exec(JSON.stringify(meta))?.[0];
  const fromStorage = await page.evaluate(() => /mq_dev_[\w-]+/.exec(JSON.stringify({ ...localStorage }))?.[0]);
  const credential = fromDb ?? fromStorage;
  if (!credential) throw new Error("The scanner holds no device credential (mq_dev_...) in IndexedDB meta or localStorage");
  return credential;
}
