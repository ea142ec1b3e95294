import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client.ts";
import { testDatabaseUrl } from "./testing/global-setup.ts";

// createDb's named statements: PostgreSQL keeps a repeated query prepared on the connection, and
// a client with them off (behind a pooler in transaction mode) leaves nothing prepared.

let db: Db | undefined;
afterEach(async () => {
  await db?.$disconnect();
  db = undefined;
});

/** The prepared statements of the one connection of a pool of one, as seen from that connection. */
const prepared = (client: Db) => client.$queryRaw<{ statement: string }[]>`SELECT statement FROM pg_prepared_statements WHERE ${1}::int = 1`;

describe("prepared statements", () => {
  it("are kept on the connection for a query with parameters, and answer the same rows each time", async () => {
    db = createDb(testDatabaseUrl(), { max: 1, preparedStatements: true });
    for (const n of [1, 2, 3]) expect(await db.$queryRaw<{ n: number }[]>`SELECT ${n}::int + 1 AS n`).toEqual([{ n: n + 1 }]);
    const statements = (await prepared(db)).map((row) => row.statement);
    expect(statements.filter((statement) => statement.includes("+ 1 AS n"))).toHaveLength(1);
  });

  it("are not made when turned off", async () => {
    db = createDb(testDatabaseUrl(), { max: 1, preparedStatements: false });
    await db.$queryRaw`SELECT ${1}::int + 2 AS n`;
    expect(await prepared(db)).toEqual([]);
  });

  it("leave a query without parameters as a simple query, several statements allowed", async () => {
    db = createDb(testDatabaseUrl(), { max: 1, preparedStatements: true });
    await db.$executeRawUnsafe("SELECT 1; SELECT 2");
    expect((await prepared(db)).map((row) => row.statement).filter((statement) => statement.includes("SELECT 1; SELECT 2"))).toEqual([]);
  });
});
