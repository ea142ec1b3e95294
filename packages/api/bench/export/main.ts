// `npm run bench:export [-- --quick] [--rows 100000] [--invoices 2000]`: the streamed attendee export
// (the console's /api/exports and REST exportAttendees) and the invoice ZIP of a period
// (invoice-archive.ts), each against the naive way, measured in the same run. Prints figures; it is
// a script, never a test.
//
// Seeds N attendees (valid tickets) with INSERT ... SELECT generate_series into a database of its
// own, streams the CSV through startExport (1,000 rows a batch) while sampling memory every 20 ms
// (and the heap left after a full collection every tenth of the rows: what the export really holds),
// parses what arrives with csv-parse (streaming) and checks it has N rows. Baseline: one findMany
// of every row then one csv-stringify call (what "load it all, then write it" costs), on N/10 rows,
// as memory per row. Needs PostgreSQL (DATABASE_URL, default on 127.0.0.1); drops its database.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createDb, type Db } from "@marquee/db";
import { createFactories, createTestDatabase } from "@marquee/db/testing";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { startExport } from "../../src/services/orders/export-orders.ts";
import { benchEnv } from "../lib/env.ts";
import { numberOption } from "../lib/load.ts";
import { sampleMemory } from "../lib/memory.ts";
import { benchInvoiceArchive } from "./invoice-archive.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const rows = numberOption(args, "rows", quick ? 5_000 : 100_000);
const invoices = numberOption(args, "invoices", quick ? 200 : 2_000);
const TICKETS_PER_ORDER = 100;
const MB = 1024 * 1024;
/** Rows between two full collections that measure what the streamed export retains. */
const PROBE_EVERY = Math.max(500, Math.floor(rows / 10));

/** N valid tickets on one event, 100 to an order, in three set-based statements. */
async function seed(db: Db, count: number) {
  const make = createFactories(db);
  const { event, ticketType } = await make.gaEvent({ capacity: count });
  const key = await db.eventSigningKey.findFirstOrThrow({ where: { eventId: event.id } });
  const orders = Math.ceil(count / TICKETS_PER_ORDER);
  await db.$executeRaw`
    INSERT INTO "Order" (id, reference, "organizationId", "eventId", status, "buyerName", "buyerEmail", currency, "subtotalMinor", "totalMinor", "updatedAt", "paidAt")
    SELECT gen_random_uuid(), 'MQ-B' || lpad(g::text, 8, '0'), ${event.organizationId}::uuid, ${event.id}::uuid, 'PAID', 'Buyer ' || g, 'buyer' || g || '@example.test',
           'EUR', 250000, 250000, now(), now()
    FROM generate_series(1, ${orders}) g`;
  await db.$executeRaw`
    INSERT INTO "OrderLine" (id, "orderId", "eventId", "ticketTypeId", quantity, "unitPriceMinor", "totalMinor")
    SELECT gen_random_uuid(), o.id, o."eventId", ${ticketType.id}::uuid, ${TICKETS_PER_ORDER}, 2500, 250000 FROM "Order" o WHERE o."eventId" = ${event.id}::uuid`;
  await db.$executeRaw`
    INSERT INTO "Ticket" (id, "eventId", "orderId", "orderLineId", "ticketTypeId", "signingKeyId", "shortCode", "signedCode", "holderName")
    SELECT gen_random_uuid(), l."eventId", l."orderId", l.id, l."ticketTypeId", ${key.id}::uuid, 'B' || n, 'SIG' || n, CASE WHEN n % 50 = 0 THEN '=HYPERLINK("x")' ELSE 'Holder ' || n END
    FROM (SELECT l.*, row_number() OVER (ORDER BY l.id) AS line_no FROM "OrderLine" l WHERE l."eventId" = ${event.id}::uuid) l
    CROSS JOIN generate_series(1, ${TICKETS_PER_ORDER}) g
    CROSS JOIN LATERAL (SELECT (l.line_no - 1) * ${TICKETS_PER_ORDER} + g AS n) k
    WHERE k.n <= ${count}`;
  return { organizationId: event.organizationId, eventId: event.id };
}

async function streamed(db: Db, scope: { organizationId: string; eventId: string }) {
  global.gc?.();
  const stop = sampleMemory();
  const heapAtStart = process.memoryUsage().heapUsed;
  let retained = 0;
  const startedAt = performance.now();
  const exported = await startExport({ db }, { ...scope, kind: "attendees", actor: { kind: "system", userId: null, ip: null } });
  let parsed = 0;
  let bytes = 0;
  let injectionSafe = true;
  // Bytes counted on the way through (a "data" listener beside the pipe would be a second consumer).
  const counted = exported.stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.length;
        controller.enqueue(chunk);
      },
    }),
  );
  const source = Readable.fromWeb(counted as NodeReadableStream<Uint8Array>);
  for await (const record of source.pipe(parse({ columns: true }))) {
    parsed++;
    if ((record as { holder_name: string }).holder_name.startsWith("=")) injectionSafe = false;
    // What the export still holds mid-stream: the heap right after a full collection, ten times a run.
    if (parsed % PROBE_EVERY === 0 && global.gc) {
      global.gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed - heapAtStart);
    }
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return { total: exported.total, parsed, bytes, seconds, injectionSafe, memory: stop(), retained };
}

async function naive(db: Db, eventId: string, limit: number) {
  global.gc?.();
  const stop = sampleMemory();
  const heapAtStart = process.memoryUsage().heapUsed;
  const startedAt = performance.now();
  const tickets = await db.ticket.findMany({
    where: { eventId, status: "VALID" },
    take: limit,
    include: { ticketType: true, order: true, event: true, seat: { include: { row: true, section: true } } },
  });
  const csv = stringify(tickets.map((t) => [t.id, t.shortCode, t.holderName, t.order.buyerEmail, t.order.reference, t.event.name]));
  const seconds = (performance.now() - startedAt) / 1000;
  const memory = stop();
  // The rows and the text are still referenced here: a full collection leaves what loading them all keeps.
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - heapAtStart;
  return { rows: tickets.length, bytes: csv.length, seconds, memory, retained };
}

async function main() {
  const env = benchEnv();
  const database = await createTestDatabase(env.DATABASE_URL);
  const db = createDb(database.url, { max: 4 });
  try {
    const seedStarted = performance.now();
    const scope = await seed(db, rows);
    console.info(`seeded ${rows.toLocaleString("en")} attendees in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const ours = await streamed(db, scope);
    if (ours.parsed !== rows || ours.total !== rows) throw new Error(`expected ${rows} CSV rows, parsed ${ours.parsed} (counted ${ours.total})`);
    if (!ours.injectionSafe) throw new Error("a formula cell reached the CSV unescaped");
    const baselineRows = Math.max(1_000, Math.floor(rows / 10));
    const base = await naive(db, scope.eventId, baselineRows);
    const perRow = (bytes: number, n: number) => `${(((bytes / n) * 1000) / 1024).toFixed(1)} KB per 1,000 rows`;
    console.info(
      [
        `streamed export: ${ours.parsed.toLocaleString("en")} rows, ${(ours.bytes / MB).toFixed(1)} MB CSV in ${ours.seconds.toFixed(2)} s = ${Math.round(ours.parsed / ours.seconds).toLocaleString("en")} rows/s`,
        `  peak memory above start: RSS +${(ours.memory.rss / MB).toFixed(1)} MB, heap +${(ours.memory.heap / MB).toFixed(1)} MB (${perRow(ours.memory.heap, ours.parsed)})`,
        `  parsed back with csv-parse: ${ours.parsed.toLocaleString("en")} rows, formula cells escaped`,
        `baseline (findMany all, then stringify) on ${base.rows.toLocaleString("en")} rows: ${base.seconds.toFixed(2)} s = ${Math.round(base.rows / base.seconds).toLocaleString("en")} rows/s`,
        `  peak memory above start: RSS +${(base.memory.rss / MB).toFixed(1)} MB, heap +${(base.memory.heap / MB).toFixed(1)} MB (${perRow(base.memory.heap, base.rows)})`,
        `  extrapolated to ${rows.toLocaleString("en")} rows: heap +${(((base.memory.heap / base.rows) * rows) / MB).toFixed(0)} MB vs streamed +${(ours.memory.heap / MB).toFixed(1)} MB`,
        `retained heap after full collections: streamed ${(ours.retained / MB).toFixed(1)} MB at most, mid-stream (every ${PROBE_EVERY.toLocaleString("en")} rows of ${ours.parsed.toLocaleString("en")}); baseline ${(base.retained / MB).toFixed(1)} MB for ${base.rows.toLocaleString("en")} rows (${perRow(base.retained, base.rows)}, ${(((base.retained / base.rows) * rows) / MB).toFixed(0)} MB at ${rows.toLocaleString("en")})`,
      ].join("\n"),
    );
    await benchInvoiceArchive(db, invoices, sampleMemory);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
