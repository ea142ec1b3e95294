// Data the phone spec needs beyond the shop events: a buyer account of its own (signing the demo
// buyer out would end the other specs' sessions).
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 1 }));

export async function closePhoneData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** A verified buyer account with the factories' password. */
export async function createBuyerAccount(name: string): Promise<{ email: string; password: string }> {
  const user = await createFactories(database()).user({ name, email: `phone-${crypto.randomUUID().slice(0, 8)}@example.test` });
  return { email: user.email, password: TEST_PASSWORD };
}
