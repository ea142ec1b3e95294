import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "@marquee/config/env";
import { testDatabaseUrl } from "../testing/global-setup.ts";
import { MIGRATIONS_DIR, SCHEMA_PATH, assertReachable, createMigration, diffMigrationsToSchema, dropDatabase, migrateDeploy } from "./index.ts";

const scratchUrl = (suffix: string) => {
  const url = new URL(testDatabaseUrl());
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
};

const created: string[] = [];
afterAll(async () => {
  for (const url of created) await dropDatabase(url);
});

async function appliedMigrations(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; finished: boolean }>(
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name',
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe("migrations with the WebAssembly schema engine", () => {
  it("create the database, apply every migration, and do nothing the second time", async () => {
    const url = scratchUrl("deploy");
    created.push(url);
    const onDisk = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

    expect(await migrateDeploy({ databaseUrl: url, engine: "wasm" })).toEqual(onDisk);
    expect(await migrateDeploy({ databaseUrl: url, engine: "wasm" })).toEqual([]);
    expect(await appliedMigrations(url)).toEqual(onDisk.map((migration_name) => ({ migration_name, finished: true })));
  });

  it("match schema.prisma exactly (a schema change without a migration fails here)", async () => {
    expect(await diffMigrationsToSchema({ databaseUrl: testDatabaseUrl() })).toBe("");
  });

  it("write a new migration from a schema change, which then applies", async () => {
    const dir = await mkdtemp(join(tmpdir(), "marquee-migrations-"));
    const migrationsDir = join(dir, "migrations");
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = join(dir, "schema.prisma");
    await writeFile(schemaPath, `${await readFile(SCHEMA_PATH, "utf8")}\nmodel GiftCard {\n  id String @id\n  balanceMinor Int\n}\n`);

    const file = await createMigration("add_gift_cards", { databaseUrl: testDatabaseUrl(), migrationsDir, schemaPath });
    expect(file).toMatch(/\d{14}_add_gift_cards\/migration\.sql$/);
    expect(await readFile(file!, "utf8")).toContain('CREATE TABLE "GiftCard"');
    expect(await createMigration("nothing_changed", { databaseUrl: testDatabaseUrl(), migrationsDir, schemaPath })).toBeNull();

    const url = scratchUrl("new");
    created.push(url);
    const applied = await migrateDeploy({ databaseUrl: url, engine: "wasm", migrationsDir, schemaPath });
    // Applied with the rest (not necessarily last: a checked-in migration may carry a later timestamp than today's).
    expect(applied).toContainEqual(expect.stringMatching(/\d{14}_add_gift_cards$/));
  });

  it("stop with one line naming DATABASE_URL when PostgreSQL cannot be reached", async () => {
    const error = await assertReachable("postgresql://postgres@127.0.0.1:1/marquee").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1 \(DATABASE_URL\)/);
    expect((error as Error).message).not.toContain("\n");
  });
});
