import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createEnv, flag, secret, urlWith } from "@marquee/config/env";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/marquee";

export const readDbEnv = (source: Record<string, string | undefined> = process.env) =>
  createEnv(
    {
      DATABASE_URL: urlWith("postgres:", "postgresql:").default(DEFAULT_DATABASE_URL),
      // auto: Prisma's native schema engine when it is installed, else the WebAssembly one.
      MIGRATE_ENGINE: z.enum(["auto", "wasm", "native"]).default("auto"),
      PRISMA_SCHEMA_ENGINE_BINARY: z.string().optional(),
    },
    source,
  );

/** DATABASE_PREPARED_STATEMENTS (default on): createDb names repeated statements so PostgreSQL prepares them once per connection. */
export const readPreparedStatements = (source: Record<string, string | undefined> = process.env): boolean =>
  createEnv({ DATABASE_PREPARED_STATEMENTS: flag(true) }, source).DATABASE_PREPARED_STATEMENTS;

/**
 * TICKET_KEY_SECRET encrypts events' ticket-signing private keys at rest. Read apart from
 * readDbEnv, so migrations need no secret; seeding reads it (no default in production).
 */
export const readTicketKeySecret = (source: Record<string, string | undefined> = process.env): string =>
  createEnv({ TICKET_KEY_SECRET: secret("dev-only-ticket-key-secret-change-me", source) }, source).TICKET_KEY_SECRET;

// packages/db/src -> the repository root, against which a relative FILE_STORAGE_DIR is resolved
// (the same rule as packages/api's readApiEnv).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** FILE_STORAGE_DIR as an absolute path (default `./var/files` under the repository root): where the seed puts demo images. */
export const readFileStorageDir = (source: Record<string, string | undefined> = process.env): string => {
  const dir = source.FILE_STORAGE_DIR?.trim() || "./var/files";
  return isAbsolute(dir) ? dir : resolve(repoRoot, dir);
};
