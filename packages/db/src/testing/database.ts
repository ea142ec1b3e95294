import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { DEFAULT_DATABASE_URL } from "../env.ts";
import { MIGRATIONS_DIR, dropDatabase, ensureDatabase, migrateDeploy, splitDatabaseUrl } from "../migrate/index.ts";

// Each test run gets its own database, cloned from a template that holds the current migrations
// (CREATE DATABASE ... TEMPLATE takes ~100 ms, migrating from scratch ~1.5 s). The template's
// name carries a hash of the migrations, so a changed migration makes a fresh template.

const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    if (name.endsWith(".toml")) continue;
    hash.update(name).update(readFileSync(join(MIGRATIONS_DIR, name, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 12);
}

const withDatabase = (url: string, database: string) => {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
};

async function withServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(baseUrl: string): Promise<string> {
  const template = `marquee_template_${migrationsHash()}`;
  const { serverUrl } = splitDatabaseUrl(baseUrl);
  // One process builds the template; concurrent test runs wait on the advisory lock.
  await withServer(serverUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock(hashtext('marquee:test-template'))");
    try {
      const ready = await client.query("SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate", [template]);
      if (ready.rowCount) return;
      const templateUrl = withDatabase(baseUrl, template);
      await dropDatabase(templateUrl);
      await ensureDatabase(templateUrl);
      await migrateDeploy({ databaseUrl: templateUrl, engine: "wasm" });
      await client.query(`ALTER DATABASE "${template}" WITH is_template = true ALLOW_CONNECTIONS = false`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('marquee:test-template'))");
    }
  });
  return template;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database for one test run. */
export async function createTestDatabase(baseUrl = DEFAULT_DATABASE_URL): Promise<TestDatabase> {
  await ensureDatabase(withDatabase(baseUrl, "postgres"));
  const template = await ensureTemplate(baseUrl);
  const name = `marquee_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const { serverUrl } = splitDatabaseUrl(baseUrl);
  await withServer(serverUrl, async (client) => {
    await dropStaleTestDatabases(client);
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // 55006: another CREATE is copying the same template right now.
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabase(baseUrl, name);
  return { url, drop: () => dropDatabase(url) };
}

async function dropStaleTestDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'marquee\\_test\\_%'");
  for (const { datname } of rows) {
    const createdAt = Number(datname.split("_")[2]);
    if (Number.isFinite(createdAt) && Date.now() - createdAt > STALE_AFTER_MS) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  }
}
