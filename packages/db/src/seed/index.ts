import { createDb } from "../client.ts";
import { readDbEnv, readFileStorageDir, readTicketKeySecret } from "../env.ts";
import { DEMO_ORGANIZATION_SLUG } from "./demo-users.ts";
import { seedDemo } from "./seed-demo.ts";

export { DEMO_USERS, DEMO_PASSWORD, DEMO_ORGANIZATION_SLUG, type DemoUser } from "./demo-users.ts";
export { seedDemo } from "./seed-demo.ts";

export interface SeedRunOptions {
  databaseUrl?: string;
  ticketKeySecret?: string;
  /** Where demo images go; default FILE_STORAGE_DIR (`./var/files`). */
  fileStorageDir?: string;
}

/** Seeds the demo data (idempotent). */
export async function seed(options: SeedRunOptions = {}): Promise<void> {
  const ticketKeySecret = options.ticketKeySecret ?? readTicketKeySecret();
  const db = createDb(options.databaseUrl ?? readDbEnv().DATABASE_URL, { max: 2 });
  try {
    await seedDemo(db, { ticketKeySecret, fileStorageDir: options.fileStorageDir ?? readFileStorageDir() });
  } finally {
    await db.$disconnect();
  }
}

/** Seeds only when the demo organiser does not exist yet; returns whether it seeded. */
export async function seedIfEmpty(options: SeedRunOptions = {}): Promise<boolean> {
  const db = createDb(options.databaseUrl ?? readDbEnv().DATABASE_URL, { max: 1 });
  try {
    if (await db.organization.findUnique({ where: { slug: DEMO_ORGANIZATION_SLUG } })) return false;
  } finally {
    await db.$disconnect();
  }
  await seed(options);
  return true;
}
