import { soketiConnection } from "@marquee/config/soketi";
import type { DevEnv } from "../env.ts";
import { createLog, type Log } from "../log.ts";
import { findOrStartMailCatcher, type MailCatcherHandle } from "./mail-catcher.ts";
import type { MailForward } from "./mail-forward.ts";
import { findOrStartPostgres } from "./postgres.ts";
import { findOrStartRedis } from "./redis.ts";
import { findOrStartSoketi, type SoketiHandle } from "./soketi.ts";
import { findOrStartStripeLocal } from "./stripe-local/find-or-start.ts";
import type { ServiceHandle } from "./types.ts";

export type ServiceName = "postgres" | "redis" | "soketi" | "mail" | "stripe";

export interface LocalServices {
  postgres?: ServiceHandle;
  redis?: ServiceHandle;
  soketi?: SoketiHandle;
  mail?: MailCatcherHandle;
  /** The local Stripe test server; absent when STRIPE_SECRET_KEY names a real Stripe account. */
  stripe?: ServiceHandle;
}

export interface StartServicesOptions {
  include?: readonly ServiceName[];
  redisPersistence?: "aof" | "none";
  logFor?: (name: ServiceName) => Log;
  /** Called as soon as each service is up, so a caller can stop it even if another fails. */
  onStarted?: (name: ServiceName, handle: ServiceHandle, startupMs: number) => void;
  /** The mail catcher forwards inbound support mail here (default: from MAILCATCHER_FORWARD_*, when all are set). */
  mailForward?: MailForward;
}

/** MAILCATCHER_FORWARD_DOMAIN/URL/SECRET as a forward, when all three are set. */
export const mailForwardFromEnv = (env: DevEnv): MailForward | undefined =>
  env.MAILCATCHER_FORWARD_DOMAIN && env.MAILCATCHER_FORWARD_URL && env.MAILCATCHER_FORWARD_SECRET
    ? { domain: env.MAILCATCHER_FORWARD_DOMAIN, url: env.MAILCATCHER_FORWARD_URL, secret: env.MAILCATCHER_FORWARD_SECRET }
    : undefined;

/** Stop, in parallel, the services this process started (ones found running are left alone). */
export async function stopServices(services: LocalServices): Promise<void> {
  await Promise.allSettled(Object.values(services).map((handle: ServiceHandle) => handle.stop()));
}

/** Find or start the chosen services in parallel; if one fails, stop the others and rethrow. */
export async function startLocalServices(env: DevEnv, options: StartServicesOptions = {}): Promise<LocalServices> {
  const include = new Set(options.include ?? ["postgres", "redis", "soketi", "mail", "stripe"]);
  // A real Stripe key: no local test server.
  if (env.STRIPE_SECRET_KEY !== "") include.delete("stripe");
  const logFor = options.logFor ?? ((name: ServiceName) => createLog(name));
  const services: LocalServices = {};

  const starters: Record<ServiceName, () => Promise<ServiceHandle>> = {
    postgres: () => findOrStartPostgres({ databaseUrl: env.DATABASE_URL, log: logFor("postgres") }),
    redis: () => findOrStartRedis({ redisUrl: env.REDIS_URL, persistence: options.redisPersistence ?? "aof", log: logFor("redis") }),
    soketi: () => findOrStartSoketi({ ...soketiConnection(env), log: logFor("soketi") }),
    mail: () =>
      findOrStartMailCatcher({
        smtpUrl: env.SMTP_URL,
        httpPort: env.MAILCATCHER_HTTP_PORT,
        httpUrl: env.MAILCATCHER_URL,
        forward: options.mailForward ?? mailForwardFromEnv(env),
        log: logFor("mail"),
      }),
    stripe: () =>
      findOrStartStripeLocal({
        apiUrl: env.STRIPE_API_URL,
        webhookUrl: new URL("/api/webhooks/stripe", env.WEB_URL).toString(),
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        log: logFor("stripe"),
      }),
  };

  const names = (Object.keys(starters) as ServiceName[]).filter((name) => include.has(name));
  const results = await Promise.allSettled(
    names.map(async (name) => {
      const startedAt = performance.now();
      const handle = await starters[name]();
      (services as Record<ServiceName, ServiceHandle>)[name] = handle;
      options.onStarted?.(name, handle, performance.now() - startedAt);
    }),
  );
  const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    await stopServices(services);
    throw failure.reason;
  }
  return services;
}
