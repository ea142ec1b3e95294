// The durable-write floor (packages/api/bench/README.md): a bare node:http server that, per request,
// runs one Redis EVAL and one PostgreSQL INSERT in its own committed transaction, with the API
// server's pool size. It is the least a durable hold can cost; write paths are measured against it.
//
//   node --import tsx floor-server-main.ts <port> <databaseUrl> <redisUrl> <redisKey> [poolSize]
import http from "node:http";
import { Redis } from "ioredis";
import pg from "pg";

const [portArg, databaseUrl, redisUrl, redisKey, poolArg] = process.argv.slice(2);
if (!portArg || !databaseUrl || !redisUrl || !redisKey) throw new Error("usage: floor-server-main.ts <port> <databaseUrl> <redisUrl> <redisKey> [poolSize]");

// A hold's Redis step at its smallest: one script that checks and changes one counter.
const SCRIPT = "local n = redis.call('INCR', KEYS[1]) if n < 0 then return 0 end return n";
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolArg ?? 10) });
const redis = new Redis(redisUrl, { enableAutoPipelining: false });

await pool.query(
  "CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, seq bigint NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
);

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    void (async () => {
      const seq = Number(await redis.eval(SCRIPT, 1, redisKey));
      // One statement outside BEGIN is one committed transaction (synchronous_commit as the server has it).
      const { rows } = await pool.query<{ id: string }>("INSERT INTO bench_floor (seq, body) VALUES ($1, $2) RETURNING id", [
        seq,
        Buffer.concat(chunks).toString("utf8"),
      ]);
      const body = JSON.stringify({ id: rows[0]!.id, seq });
      response.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    })().catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: String(error) }));
    });
  });
});
server.listen(Number(portArg), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => void Promise.all([pool.end(), redis.quit()]).finally(() => process.exit(0))));
