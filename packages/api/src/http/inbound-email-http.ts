import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@marquee/db";
import type { RedisClient } from "../lib/redis-client.ts";
import { type Clock, systemClock } from "../clock.ts";
import { readInboundEmailEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { consumeRateLimit } from "../rate-limit/rate-limited.ts";
import { restError } from "../rest/errors.ts";
import type { FileStore } from "../services/files/file-store.ts";
import { receiveInboundEmail } from "../services/support-mail/receive-inbound-email.ts";
import { readFetchBody } from "./body-limit.ts";
import { clientIpBehindNext, type TrustedProxies, UNKNOWN_CLIENT_IP } from "./client-ip.ts";
import { getServerClients } from "./server-clients.ts";

/** The console's inbound mail route: the mail provider (or the dev mail catcher) POSTs each raw message here. */
export const INBOUND_EMAIL_PATH = "/api/inbound-email";
/** A raw message with attachments at their limits (25 MB) and their base64 overhead fits; larger is 413. */
export const INBOUND_EMAIL_BODY_LIMIT = 30 * 1024 * 1024;

export interface TInboundEmailHttpDeps {
  db: Db;
  files: FileStore;
  redis: RedisClient;
  redisPrefix: string;
  trustedProxies: TrustedProxies;
  inboundEmailDomain: string;
  /** INBOUND_EMAIL_SECRET: the Bearer token the sender presents. */
  secret: string;
  /** Requests per minute per client IP (0: no limit). */
  perIpPerMinute: number;
  clock?: Clock;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the Authorization header carries the secret (digests compared in constant time, whatever the lengths). */
export function inboundSecretMatches(authorization: string | null, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return timingSafeEqual(digest(match?.[1] ?? ""), digest(expected)) && match !== null;
}

const answer = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...headers, "cache-control": "no-store" } });

/**
 * POST a raw RFC 822 message (Content-Type message/rfc822) with `Authorization: Bearer
 * <INBOUND_EMAIL_SECRET>`, optionally `X-Envelope-To` (the SMTP envelope's recipients,
 * comma-separated). Rate-limited per client IP before the secret is checked, the body capped at
 * 30 MB (413). Answers 200 { conversationId, messageId, duplicate }; 422 UNROUTABLE_EMAIL when no
 * conversation or support address matches.
 */
export async function handleInboundEmail(deps: TInboundEmailHttpDeps, req: Request): Promise<Response> {
  try {
    if (req.method !== "POST") return answer({ error: { code: "METHOD_NOT_ALLOWED", message: "POST the raw message." } }, 405, { allow: "POST" });
    const ip = clientIpBehindNext(req.headers.get("x-forwarded-for"), deps.trustedProxies) ?? UNKNOWN_CLIENT_IP;
    await consumeRateLimit({ redis: deps.redis, redisPrefix: deps.redisPrefix, request: { ip, cartToken: null } }, "inbound-email", {
      perIp: deps.perIpPerMinute,
    });
    if (!inboundSecretMatches(req.headers.get("authorization"), deps.secret)) throw new AppError("UNAUTHORIZED", "A valid inbound e-mail secret is required.");
    const raw = Buffer.from(await readFetchBody(req, INBOUND_EMAIL_BODY_LIMIT));
    if (raw.length === 0) throw new AppError("VALIDATION_ERROR", "The body must be the raw message.");
    const envelope = (req.headers.get("x-envelope-to") ?? "")
      .split(",")
      .map((address) => address.trim())
      .filter((address) => address.includes("@"))
      .slice(0, 50);
    const result = await receiveInboundEmail(deps, raw, (deps.clock ?? systemClock).now(), envelope);
    return answer(result);
  } catch (error) {
    const { status, headers, body } = restError(error);
    if (body.error.code === "INTERNAL") getLogger().error({ err: error }, "inbound e-mail failed");
    return answer(body, status, headers);
  }
}

/** The console's route handler at /api/inbound-email. */
export function createNextInboundEmailHandler() {
  return (req: Request): Promise<Response> => {
    const { db, files, redis, redisPrefix, trustedProxies, env } = getServerClients();
    const inbound = readInboundEmailEnv();
    return handleInboundEmail(
      {
        db,
        files,
        redis,
        redisPrefix,
        trustedProxies,
        inboundEmailDomain: env.INBOUND_EMAIL_DOMAIN,
        secret: inbound.INBOUND_EMAIL_SECRET,
        perIpPerMinute: inbound.RATE_LIMIT_INBOUND_EMAIL_PER_MINUTE,
      },
      req,
    );
  };
}
