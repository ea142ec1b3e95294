import { ConfigError } from "@marquee/config/env";
import type { Log } from "./log.ts";

/** The contract of @marquee/db the tooling relies on (imported dynamically, never stubbed). */
export interface DemoUser {
  role: string;
  email: string;
  password: string;
  app: string;
}

interface MigrateModule {
  migrateDeploy(options: { databaseUrl: string }): Promise<unknown>;
}

interface SeedModule {
  seedIfEmpty(options: { databaseUrl: string; ticketKeySecret?: string }): Promise<unknown>;
  DEMO_USERS: DemoUser[];
}

async function importContract<T>(specifier: string, exports: readonly string[]): Promise<T> {
  let module: Record<string, unknown>;
  try {
    module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    // Only the contract module itself missing becomes one line; a broken import inside it keeps its stack.
    if (code === "ERR_MODULE_NOT_FOUND" && (message?.includes(specifier) || message?.includes("packages/db/src"))) {
      throw new ConfigError(`${specifier} is not available yet (${message?.split("\n")[0]})`);
    }
    throw error;
  }
  const missing = exports.filter((name) => !(name in module));
  if (missing.length > 0) throw new ConfigError(`${specifier} does not export ${missing.join(", ")}`);
  return module as T;
}

const importMigrate = () => importContract<MigrateModule>("@marquee/db/migrate", ["migrateDeploy"]);
const importSeed = () => importContract<SeedModule>("@marquee/db/seed", ["seedIfEmpty", "DEMO_USERS"]);

/** Create the database if missing and apply migrations (packages/db). */
export async function migrateDatabase(databaseUrl: string, log: Log): Promise<void> {
  const { migrateDeploy } = await importMigrate();
  const applied = await migrateDeploy({ databaseUrl });
  if (Array.isArray(applied) && applied.length > 0) log(`applied ${applied.length} migration(s): ${applied.join(", ")}`);
  else log("migrations up to date");
}

/**
 * Seed demo data unless the database already has it; the events' signing keys are encrypted with
 * `ticketKeySecret` (the stack's TICKET_KEY_SECRET), else packages/db reads TICKET_KEY_SECRET itself.
 */
export async function seedDatabase(databaseUrl: string, log: Log, ticketKeySecret?: string): Promise<void> {
  const { seedIfEmpty } = await importSeed();
  const seeded = await seedIfEmpty({ databaseUrl, ticketKeySecret });
  log(seeded === false ? "demo data already present" : "demo data seeded");
}

export async function demoUsers(): Promise<DemoUser[]> {
  return (await importSeed()).DEMO_USERS;
}
