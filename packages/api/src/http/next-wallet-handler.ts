import { walletSettings } from "../services/wallet/env.ts";
import { readFetchText } from "./body-limit.ts";
import { clientIpBehindNext, UNKNOWN_CLIENT_IP } from "./client-ip.ts";
import { getServerClients } from "./server-clients.ts";
import { handleWalletRequest, WALLET_BODY_LIMIT } from "./wallet-http.ts";

/** The web app's route handler at /api/wallet/[...path]: pass downloads and Apple's PassKit web service. */
export function createNextWalletHandler() {
  return async (req: Request): Promise<Response> => {
    const { db, redis, redisPrefix, trustedProxies } = getServerClients();
    const url = new URL(req.url);
    const response = await handleWalletRequest(
      { db, redis, redisPrefix, settings: walletSettings() },
      {
        method: req.method,
        url: `${url.pathname}${url.search}`,
        ip: clientIpBehindNext(req.headers.get("x-forwarded-for"), trustedProxies) ?? UNKNOWN_CLIENT_IP,
        authorization: req.headers.get("authorization"),
        ifModifiedSince: req.headers.get("if-modified-since"),
        readBody: () => readFetchText(req, WALLET_BODY_LIMIT),
      },
    );
    return new Response(response.body === null ? null : typeof response.body === "string" ? response.body : new Uint8Array(response.body), {
      status: response.status,
      headers: response.headers,
    });
  };
}
