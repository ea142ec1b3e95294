// The API token spec's own organisation and owner, made with @marquee/db's factories in the run's
// database (never the demo organisation: its audit log and tokens would mix with other specs').
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeApiTokenData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** A fresh organisation with an owner who can sign in to the console (TEST_PASSWORD). */
export async function createOrganizationWithOwner(label: string) {
  const make = createFactories(database());
  const suffix = crypto.randomUUID().slice(0, 8);
  const organization = await make.organization({ name: `${label} ${suffix}` });
  const email = `owner-${suffix}@example.test`;
  const owner = await make.member(organization.id, "OWNER", { email, name: `Owner ${suffix}` });
  return { organization, owner: { id: owner.id, email, name: owner.name ?? "", password: TEST_PASSWORD } };
}
