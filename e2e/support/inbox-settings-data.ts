// The inbox settings spec's own organisation: an owner and a support agent, made with @marquee/db's
// factories in the run's database (never the demo organisation, whose settings other specs read).
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeInboxSettingsData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** A fresh organisation with an owner and a support agent who can sign in to the console (TEST_PASSWORD). */
export async function createSupportTeam(label: string) {
  const make = createFactories(database());
  const suffix = crypto.randomUUID().slice(0, 8);
  const organization = await make.organization({ name: `${label} ${suffix}` });
  const member = async (role: "OWNER" | "SUPPORT_AGENT", name: string) => {
    const email = `${role.toLowerCase().replace("_", "-")}-${suffix}@example.test`;
    const user = await make.member(organization.id, role, { email, name });
    return { id: user.id, email, name, password: TEST_PASSWORD };
  };
  return { organization, suffix, owner: await member("OWNER", `Olivia Owner${suffix}`), agent: await member("SUPPORT_AGENT", `Sam Agent${suffix}`) };
}
