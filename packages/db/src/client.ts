import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

export interface CreateDbOptions {
  /** Pool size per process; keep it small: PostgreSQL connections are expensive. */
  max?: number;
  log?: boolean;
}

/**
 * A Prisma client on the pg driver adapter. Callers own it (pass it through a context, close it
 * with `$disconnect()`); there is deliberately no module-level singleton.
 */
export function createDb(databaseUrl: string, options: CreateDbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  // Errors are thrown to the caller, which decides whether they are news (logging them here too
  // would print every expected constraint violation twice).
  return new PrismaClient({ adapter, log: options.log ? ["query", "warn", "error"] : ["warn"] });
}
