// A PostgreSQL primary of the run's own (wal_level=replica, a replication user) and a streaming
// standby made from it with pg_basebackup -R, both on their own ports in temporary directories:
// the machine's main server keeps its configuration.
import { execFileSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { ConfigError } from "@marquee/config/env";
import { isRoot } from "@marquee/dev/env";
import type { Log } from "@marquee/dev/log";
import { type ManagedProcess, runCommand, spawnManaged } from "@marquee/dev/processes";
import { debianPostgresBinDirs } from "@marquee/dev/services/executables";
import { findFreePort, waitUntil } from "@marquee/dev/services/net";

export const REPLICATION_USER = "replicator";

export interface PostgresPair {
  primaryUrl: string;
  standbyUrl: string;
  primaryPort: number;
  standbyPort: number;
  /** Replication lag of the standby in bytes (pg_stat_replication on the primary). */
  replicationLagBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user (setpriv, no extra process). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", command, ...args]] : [command, args];
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function startServer(name: string, binDir: string, dataDir: string, port: number, log: Log): ManagedProcess {
  const [command, args] = asPostgres(join(binDir, "postgres"), ["-D", dataDir, "-p", String(port)]);
  return spawnManaged(name, command, args, { log });
}

const accepts = (url: string) => () =>
  query(url, "SELECT 1")
    .then(() => true)
    .catch(() => false);

export async function startPostgresPair(log: Log): Promise<PostgresPair> {
  // Debian's /usr/lib/postgresql/<major>/bin: PATH may hold only the server's tools, without pg_basebackup.
  const dir = debianPostgresBinDirs().find((candidate) => ["initdb", "postgres", "pg_basebackup"].every((tool) => existsSync(join(candidate, tool))));
  const bin = dir && { dir, major: Number(dir.split("/").at(-2)) };
  if (!bin) throw new ConfigError("PostgreSQL's server binaries (with pg_basebackup) are missing: install them with `apt-get install -y postgresql`");
  const root = mkdtempSync(join(tmpdir(), "marquee-scale-pg-"));
  if (isRoot()) {
    const ids = postgresIds();
    chownSync(root, ids.uid, ids.gid);
  }
  const primaryDir = join(root, "primary");
  const standbyDir = join(root, "standby");
  const [primaryPort, standbyPort] = [await findFreePort(), await findFreePort()];
  const servers: ManagedProcess[] = [];
  const stop = async () => {
    // SIGTERM to a postmaster waits for its clients (smart shutdown): ours are closed by now.
    for (const server of servers.reverse()) await server.stop(10_000);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const run = (name: string, tool: string, args: string[]) => runCommand(name, ...asPostgres(join(bin.dir, tool), args), { cwd: "/" });
    await run("initdb", "initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
    // Loopback only, no unix socket; a throwaway cluster, so no fsync. initdb's pg_hba already
    // trusts replication connections from 127.0.0.1.
    appendFileSync(
      join(primaryDir, "postgresql.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        "wal_level = replica",
        "max_wal_senders = 4",
        "hot_standby = on",
        "max_connections = 200",
        "fsync = off",
        "full_page_writes = off",
        "",
      ].join("\n"),
    );
    servers.push(startServer("pg-primary", bin.dir, primaryDir, primaryPort, log));
    const primaryAdmin = `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`;
    await waitUntil(accepts(primaryAdmin), { timeoutMs: 60_000, intervalMs: 200, description: "the primary PostgreSQL" });
    await query(primaryAdmin, `CREATE ROLE ${REPLICATION_USER} WITH REPLICATION LOGIN`);
    await query(primaryAdmin, "CREATE DATABASE marquee");

    await run("pg_basebackup", "pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", REPLICATION_USER, "-D", standbyDir, "-R", "-X", "stream"]);
    servers.push(startServer("pg-standby", bin.dir, standbyDir, standbyPort, log));
    const standbyUrl = `postgresql://postgres@127.0.0.1:${standbyPort}/marquee`;
    await waitUntil(accepts(standbyUrl), { timeoutMs: 60_000, intervalMs: 200, description: "the standby PostgreSQL" });
    await waitUntil(async () => (await query<{ state: string }>(primaryAdmin, "SELECT state FROM pg_stat_replication")).some((r) => r.state === "streaming"), {
      timeoutMs: 30_000,
      intervalMs: 200,
      description: "the standby to stream from the primary",
    });
    log(`PostgreSQL ${bin.major}: primary on ${primaryPort}, streaming standby on ${standbyPort}`);
    return {
      primaryUrl: `postgresql://postgres@127.0.0.1:${primaryPort}/marquee`,
      standbyUrl,
      primaryPort,
      standbyPort,
      replicationLagBytes: async () => {
        const rows = await query<{ lag: string | null }>(
          primaryAdmin,
          "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text AS lag FROM pg_stat_replication",
        );
        return Number(rows[0]?.lag ?? NaN);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** PgBouncer 1.18's configuration: transaction pooling, trust on loopback, the primary and the standby as two databases. */
export function pgbouncerIni(options: { port: number; primaryPort: number; standbyPort: number; authFile: string }): string {
  return [
    "[databases]",
    `marquee = host=127.0.0.1 port=${options.primaryPort} dbname=marquee`,
    `marquee_replica = host=127.0.0.1 port=${options.standbyPort} dbname=marquee`,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${options.port}`,
    "unix_socket_dir =",
    "auth_type = trust",
    `auth_file = ${options.authFile}`,
    "pool_mode = transaction",
    "max_client_conn = 2000",
    // Server connections per database: what the primary really serves at once.
    "default_pool_size = 40",
    "reserve_pool_size = 10",
    // pg sends these at connect; PgBouncer refuses unknown startup parameters otherwise.
    "ignore_startup_parameters = extra_float_digits,options",
    "server_reset_query =",
    "",
  ].join("\n");
}

export function startPgbouncer(options: { dir: string; port: number; primaryPort: number; standbyPort: number; log: Log }): ManagedProcess {
  const ini = join(options.dir, "pgbouncer.ini");
  const authFile = join(options.dir, "userlist.txt");
  appendFileSync(authFile, '"postgres" ""\n');
  appendFileSync(ini, pgbouncerIni({ ...options, authFile }));
  if (isRoot()) {
    const ids = postgresIds();
    for (const file of [options.dir, ini, authFile]) chownSync(file, ids.uid, ids.gid);
  }
  return spawnManaged("pgbouncer", ...asPostgres("/usr/sbin/pgbouncer", [ini]), { log: options.log });
}
