import type { AppName } from "../auth/options.ts";
import { appRouters } from "../root.ts";
import { clientIpBehindNext } from "./client-ip.ts";
import { getServerClients, serverHttpDeps } from "./server-clients.ts";
import { handleTrpcRequest } from "./trpc-fetch.ts";

/** The route handler each Next app mounts at /api/trpc/[trpc]: that app's router and cookie only. */
export function createNextTrpcHandler(app: AppName) {
  return (req: Request): Promise<Response> =>
    handleTrpcRequest(req, appRouters[app], {
      ...serverHttpDeps(app),
      ip: clientIpBehindNext(req.headers.get("x-forwarded-for"), getServerClients().trustedProxies),
    });
}
