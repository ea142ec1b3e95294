// Loads Prisma's schema engine compiled to WebAssembly and connects it to PostgreSQL through the
// pg driver adapter. This is what lets migrations run on machines that cannot download Prisma's
// native schema-engine binary (see packages/db/README.md).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type * as SchemaEngineWasm from "@prisma/schema-engine-wasm";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" type
const PG_TEXT_OID = 25;

const CHAR_COLUMNS = Symbol("char columns");
type QueryResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown[] & { [CHAR_COLUMNS]?: number[] } };

/**
 * The pg adapter cannot map the internal "char" type (OID 18), which the engine reads from the
 * catalog. Present it as text so the adapter accepts the row, and tag the rows array (which the
 * adapter passes through) with the column positions so that `restoreCharColumns` can report
 * them to the engine as Character, the type it expects.
 */
function presentCharAsText<T>(result: T): T {
  const { fields = [], rows } = result as QueryResultLike;
  const positions: number[] = [];
  fields.forEach((field, index) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      positions.push(index);
    }
  });
  if (positions.length && rows) rows[CHAR_COLUMNS] = positions;
  return result;
}

type Queryable = { queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: QueryResultLike["rows"] }> };

function restoreCharColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of result.rows?.[CHAR_COLUMNS] ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

class IntrospectionSafeClient extends pg.Client {
  // pg's overloads are hard to restate; the behaviour is unchanged except for field type ids.
  override query(...args: unknown[]): never {
    // pg-pool calls query(text, values, callback); direct callers get a promise.
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (error: unknown, result: unknown) => void;
      args[last] = (error: unknown, result: unknown) => callback(error, result && presentCharAsText(result));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<unknown>).then(presentCharAsText) as never;
    }
    return result as never;
  }
}

type ScriptAdapter = Awaited<ReturnType<PrismaPg["connect"]>> & { onError(error: unknown): never };

/**
 * Adapter fixes for the schema engine: "char" columns (above), and scripts. The pg adapter runs a migration script by splitting it on every ";" (even inside comments,
 * strings and function bodies) and sending the pieces one by one. Send the script whole instead:
 * PostgreSQL's simple-query protocol runs it as one implicit transaction, like `psql -1`.
 */
class MigrationPg extends PrismaPg {
  // The engine never disposes what it connects; close() does, so pools do not outlive a run
  // (an open pool would keep holding Prisma's migration advisory lock).
  readonly opened: { dispose(): Promise<void> }[] = [];
  override async connect() {
    return this.track(forMigrations(await super.connect()));
  }
  override async connectToShadowDb() {
    return this.track(forMigrations(await super.connectToShadowDb()));
  }
  private track<T extends { dispose(): Promise<void> }>(adapter: T): T {
    this.opened.push(adapter);
    return adapter;
  }
}

function forMigrations<T extends Awaited<ReturnType<PrismaPg["connect"]>>>(adapter: T): T {
  restoreCharColumns(adapter as unknown as Queryable);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => restoreCharColumns((await startTransaction(...args)) as unknown as Queryable) as never;
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      (adapter as unknown as ScriptAdapter).onError(error);
    }
  };
  return adapter;
}

// @types/node 20 does not declare the WebAssembly global; this is the part used here.
type WasmApi = { instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }> };

let wasmModule: Promise<typeof SchemaEngineWasm> | undefined;

async function loadWasm(): Promise<typeof SchemaEngineWasm> {
  // The package's ESM entry imports the .wasm file directly, which Node 20 refuses; instantiate
  // the module by hand with its JS glue as the import object instead.
  // The engine reports Rust panics through this global before throwing.
  const panics = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  panics.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`Schema engine panic: ${message}`) };
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = (await import(pathToFileURL(join(dir, "schema_engine_bg.js")).href)) as typeof SchemaEngineWasm & {
    __wbg_set_wasm(exports: Record<string, unknown>): void;
  };
  const bytes = await readFile(join(dir, "schema_engine_bg.wasm"));
  // The engine arms a JS timer for each lock timeout (10 s) and never clears it; unref those
  // timers so a finished migration does not keep the process alive.
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, fn] of Object.entries(glue)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
      imports[name] = (...args: unknown[]) => {
        const timer = (fn as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void }).unref?.();
        return timer;
      };
    }
  }
  const { instance } = await (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

export interface LoadedEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

export async function loadSchemaEngine(options: { databaseUrl: string; schemaPath: string; log?: (line: string) => void }): Promise<LoadedEngine> {
  wasmModule ??= loadWasm();
  const wasm = await wasmModule;
  const schema = await readFile(options.schemaPath, "utf8");
  const factory = new MigrationPg({ connectionString: options.databaseUrl, Client: IntrospectionSafeClient, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = options.log ?? (() => {});
  const engine = await wasm.SchemaEngine.new({ datamodels: [[options.schemaPath, schema]] }, (line: string) => log(line), adapter);
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(factory.opened.splice(0).map((adapter) => adapter.dispose().catch(() => {})));
    },
  };
}
