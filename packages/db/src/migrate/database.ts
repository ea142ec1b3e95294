import pg from "pg";
import { ConfigError } from "@marquee/config/env";

/** Splits a database URL into the server's maintenance URL and the database name. */
export function splitDatabaseUrl(databaseUrl: string): { serverUrl: string; database: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres";
  url.pathname = "/postgres";
  return { serverUrl: url.toString(), database };
}

/** Connects once to prove the server answers; a failure becomes one line naming DATABASE_URL. */
export async function assertReachable(databaseUrl: string, variable = "DATABASE_URL"): Promise<void> {
  const { serverUrl } = splitDatabaseUrl(databaseUrl);
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const url = new URL(databaseUrl);
    throw new ConfigError(`Cannot reach PostgreSQL at ${url.hostname}:${url.port || 5432} (${variable}): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database named in the URL if it does not exist (safe when racing another run). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  await assertReachable(databaseUrl);
  const { serverUrl, database } = splitDatabaseUrl(databaseUrl);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "42P04") return false; // created concurrently
    throw error;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(databaseUrl);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
