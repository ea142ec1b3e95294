// The check-in specs' database: their own organisation, shows and tickets (support/checkin-tickets.ts)
// in the run's database, an organiser token for the REST API, and what the server recorded.
import { createDb, type Db } from "@marquee/db";
import { createOrganiserToken, organiserApi } from "./checkin-console.ts";
import { createCheckinOrganization, createCheckinShow, issueCheckinTickets, type TCheckinShow, type TCheckinTicket } from "./checkin-tickets.ts";
import { e2eConfig, testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
export const checkinDatabase = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeCheckinData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** An organisation with `shows` shows of `ticketsPerShow` tickets each, and its organiser's REST API. */
export async function createDoorSetup(label: string, shows: { name: string; tickets: number }[]) {
  const database = checkinDatabase();
  const owner = await createCheckinOrganization(database, label);
  const made: { show: TCheckinShow; tickets: TCheckinTicket[] }[] = [];
  for (const { name, tickets } of shows) {
    const show = await createCheckinShow(database, owner, name);
    made.push({ show, tickets: await issueCheckinTickets(database, show, tickets) });
  }
  const api = organiserApi(e2eConfig.urls.web, await createOrganiserToken(database, owner.organizationId));
  return { organizationId: owner.organizationId, shows: made, api };
}

/** What the server stored for a device's scans: one row per nonce. */
export async function storedScans(deviceId: string) {
  return checkinDatabase().scan.findMany({
    where: { deviceId },
    select: { id: true, nonce: true, result: true, deviceResult: true, ticketId: true, conflict: true, conflictWithScanId: true, scannedAt: true },
    orderBy: { scannedAt: "asc" },
  });
}

/** Every stored scan of one ticket, any device, oldest device time first. */
export async function storedScansOfTicket(ticketId: string) {
  return checkinDatabase().scan.findMany({
    where: { ticketId },
    select: { id: true, deviceId: true, result: true, conflict: true, conflictWithScanId: true, scannedAt: true },
    orderBy: { scannedAt: "asc" },
  });
}
