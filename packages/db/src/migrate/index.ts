// Migrations: `deploy` applies prisma/migrations, `new` writes a migration from the schema diff.
// Uses Prisma's native schema engine where it is installed (the CLI), else the WebAssembly
// engine; both read and write the same files and the same _prisma_migrations table.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { accessSync, constants, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDbEnv } from "../env.ts";
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, splitDatabaseUrl } from "./database.ts";
import { loadSchemaEngine } from "./engine.ts";
import { readMigrationList, writeMigration } from "./migrations-dir.ts";

export { assertReachable, dropDatabase, ensureDatabase, splitDatabaseUrl } from "./database.ts";

export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SCHEMA_PATH = join(PACKAGE_ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, "prisma", "migrations");

const NO_FILTER = { externalTables: [], externalEnums: [] };

export type MigrateEngine = "wasm" | "native";

export function nativeEngineBinary(): string | undefined {
  const env = readDbEnv();
  const candidates: string[] = [];
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) candidates.push(env.PRISMA_SCHEMA_ENGINE_BINARY);
  try {
    const enginesDir = dirname(dirname(createRequire(import.meta.url).resolve("@prisma/engines")));
    for (const name of readdirSync(enginesDir)) if (name.startsWith("schema-engine")) candidates.push(join(enginesDir, name));
  } catch {
    // @prisma/engines not installed: only the wasm engine is possible
  }
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return !file.endsWith("node") && !file.endsWith("true");
    } catch {
      return false;
    }
  });
}

export function chooseEngine(): MigrateEngine {
  const { MIGRATE_ENGINE } = readDbEnv();
  if (MIGRATE_ENGINE !== "auto") return MIGRATE_ENGINE;
  return nativeEngineBinary() ? "native" : "wasm";
}

function runPrismaCli(args: string[], databaseUrl: string): void {
  const result = spawnSync("npx", ["prisma", ...args], {
    cwd: PACKAGE_ROOT,
    stdio: "inherit",
    // eslint-disable-next-line no-restricted-properties -- the CLI child inherits our environment
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) throw new Error(`prisma ${args.join(" ")} failed with exit code ${result.status}`);
}

export interface MigrateOptions {
  databaseUrl?: string;
  engine?: MigrateEngine;
  migrationsDir?: string;
  schemaPath?: string;
  log?: (line: string) => void;
}

/** Creates the database if needed and applies pending migrations. Returns the names applied. */
export async function migrateDeploy(options: MigrateOptions = {}): Promise<string[]> {
  const databaseUrl = options.databaseUrl ?? readDbEnv().DATABASE_URL;
  await ensureDatabase(databaseUrl);
  const engine = options.engine ?? chooseEngine();
  if (engine === "native") {
    runPrismaCli(["migrate", "deploy"], databaseUrl);
    return [];
  }
  const loaded = await loadSchemaEngine({ databaseUrl, schemaPath: options.schemaPath ?? SCHEMA_PATH, log: options.log });
  try {
    const migrationsList = await readMigrationList(options.migrationsDir ?? MIGRATIONS_DIR);
    const { appliedMigrationNames } = await loaded.engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  } finally {
    await loaded.close();
  }
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
 * existing migrations and schema.prisma. Returns the file written, or null when nothing changed.
 */
export async function createMigration(name: string, options: MigrateOptions = {}): Promise<string | null> {
  const databaseUrl = options.databaseUrl ?? readDbEnv().DATABASE_URL;
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  await ensureDatabase(databaseUrl);
  const engine = options.engine ?? chooseEngine();
  if (engine === "native") {
    runPrismaCli(["migrate", "dev", "--create-only", "--name", name], databaseUrl);
    return migrationsDir;
  }
  // The wasm engine's createMigration wants a shadow database it cannot open itself; diffing
  // the migration history against the schema gives the same script.
  const script = await diffMigrationsToSchema({ ...options, databaseUrl, migrationsDir });
  if (!script) return null;
  return await writeMigration(migrationsDir, `${migrationTimestamp()}_${name}`, `${script}\n`);
}

function migrationTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** SQL that would bring the migrations up to schema.prisma; empty when they match (no drift). */
export async function diffMigrationsToSchema(options: MigrateOptions = {}): Promise<string> {
  // The wasm engine replays the migration history into the database it is connected to, so it
  // gets a throw-away database of its own (the "shadow database" of `prisma migrate dev`).
  const shadowUrl = new URL(options.databaseUrl ?? readDbEnv().DATABASE_URL);
  shadowUrl.pathname = `/${splitDatabaseUrl(shadowUrl.toString()).database}_shadow_${randomBytes(4).toString("hex")}`;
  const databaseUrl = shadowUrl.toString();
  await ensureDatabase(databaseUrl);
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const loaded = await loadSchemaEngine({ databaseUrl, schemaPath, log: options.log });
  try {
    const schema = { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
    const migrations = await readMigrationList(options.migrationsDir ?? MIGRATIONS_DIR);
    const result = await loaded.engine.diff({
      from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (result.stdout ?? "").replace(/-- This is an empty migration\.\s*/g, "").trim();
  } finally {
    await loaded.close();
    await dropDatabase(databaseUrl);
  }
}
