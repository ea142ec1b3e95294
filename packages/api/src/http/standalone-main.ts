import { exitOnConfigError } from "@marquee/config/env";
import { getServerClients, serverHttpDeps } from "./server-clients.ts";
import { createApiServer } from "./standalone-server.ts";

// Entry point of the standalone API server: `node --import tsx packages/api/src/http/standalone-main.ts`
// (API_HOST:API_PORT, default 127.0.0.1:3010). See packages/api/src/rest/README.md for routing.
async function main() {
  const { env, db, redis, queues, trustedProxies } = getServerClients();
  const server = createApiServer({ ...serverHttpDeps("web"), trustedProxies, publicUrl: env.WEB_URL });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(env.API_PORT, env.API_HOST, resolve));
  console.info(`API server listening on http://${env.API_HOST}:${env.API_PORT} (tRPC /api/trpc, REST /api/v1, /api/openapi.json)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    await Promise.allSettled([queues.close(), redis.quit(), db.$disconnect()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  console.error(error);
  process.exit(1);
});
