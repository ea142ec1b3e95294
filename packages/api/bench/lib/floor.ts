// Starts the durable-write floor (floor-server-main.ts) as a child server pinned like the others.
import { fileURLToPath } from "node:url";
import { freePort, startServer, waitFor } from "./load.ts";

const FLOOR_MAIN = fileURLToPath(new URL("./floor-server-main.ts", import.meta.url));

export interface TFloorOptions {
  root: string;
  env: Record<string, string | undefined>;
  /** The database it inserts into (its table bench_floor is created there). */
  databaseUrl: string;
  redisUrl: string;
  /** The one Redis key its script changes (under the run's prefix, so cleanup finds it). */
  redisKey: string;
  /** PostgreSQL pool size: the API server's (10) unless a bench measures another. */
  poolSize?: number;
}

/** Starts the floor server; answers its base URL once it answers. Stopped with the bench's other servers. */
export async function startFloorServer(options: TFloorOptions): Promise<string> {
  return (await startFloor(options)).url;
}

/** startFloorServer, with the floor process's pid (for CPU figures). */
export async function startFloor(options: TFloorOptions): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const child = startServer(
    "floor",
    [process.execPath, "--import", "tsx", FLOOR_MAIN, String(port), options.databaseUrl, options.redisUrl, options.redisKey, String(options.poolSize ?? 10)],
    options.root,
    options.env,
  );
  const url = `http://127.0.0.1:${port}`;
  // GET answers 201 too (the floor ignores method and path); polling it makes a row, which is harmless.
  await waitFor(`${url}/`);
  return { url, pid: child.pid! };
}
