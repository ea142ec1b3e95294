// The database a bench reads: its own, with the demo data, dropped when the run cleans up.
import { createDb, type Db } from "@marquee/db";
import { seedDemo } from "@marquee/db/seed";
import { createTestDatabase, TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { deferCleanup } from "./load.ts";

/**
 * Creates a database of the run's own on the server of `baseUrl`, seeds the demo data, lets `add`
 * put more in (given the demo organisation), and returns its URL; runCleanups drops it.
 */
export async function demoBenchDatabase(baseUrl: string, add?: (db: Db, organizationId: string) => Promise<void>): Promise<string> {
  const database = await createTestDatabase(baseUrl);
  deferCleanup(() => database.drop());
  const db = createDb(database.url, { max: 2 });
  try {
    const { organizationId } = await seedDemo(db, { ticketKeySecret: TEST_TICKET_KEY_SECRET });
    await add?.(db, organizationId);
  } finally {
    await db.$disconnect();
  }
  return database.url;
}
