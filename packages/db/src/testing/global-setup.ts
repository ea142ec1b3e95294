// Vitest globalSetup: one isolated database per test run, dropped at the end. It is handed to
// the tests through DATABASE_URL, set here before the test workers start.
import { createTestDatabase } from "./database.ts";

export default async function setup() {
  const database = await createTestDatabase(process.env.DATABASE_URL);
  process.env.DATABASE_URL = database.url;
  process.env.MARQUEE_TEST_DATABASE = "1";
  return async () => {
    await database.drop();
  };
}

/** The run's database URL; fails loudly when a test file runs without the global setup. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || process.env.MARQUEE_TEST_DATABASE !== "1") throw new Error("Add @marquee/db/testing/global-setup to this package's vitest globalSetup");
  return url;
}
