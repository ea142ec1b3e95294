import { PrismaPg } from "@prisma/adapter-pg";
import { readPreparedStatements } from "./env.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { statementNamer } from "./statement-names.ts";

export type Db = PrismaClient;

export interface CreateDbOptions {
  /** Pool size per process; keep it small: PostgreSQL connections are expensive. */
  max?: number;
  log?: boolean;
  /**
   * Named (prepared) statements, cached per connection: PostgreSQL parses and plans a repeated
   * query once instead of per call. Default: DATABASE_PREPARED_STATEMENTS (on). Turn it off behind a
   * pooler in transaction mode that does not track prepared statements (PgBouncer before 1.21).
   */
  preparedStatements?: boolean;
}

/**
 * A Prisma client on the pg driver adapter. Callers own it (pass it through a context, close it
 * with `$disconnect()`); there is deliberately no module-level singleton.
 */
export function createDb(databaseUrl: string, options: CreateDbOptions = {}): Db {
  const prepared = options.preparedStatements ?? readPreparedStatements();
  // pg sends a query without a name (undefined) as an unnamed statement; the adapter's type wants a string.
  const statementNameGenerator = prepared ? (statementNamer() as (query: { sql: string; args: unknown[] }) => string) : undefined;
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 }, { statementNameGenerator });
  // Errors are thrown to the caller, which decides whether they are news (logging them here too
  // would print every expected constraint violation twice).
  return new PrismaClient({ adapter, log: options.log ? ["query", "warn", "error"] : ["warn"] });
}
