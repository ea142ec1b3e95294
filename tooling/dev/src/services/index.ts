// Find-or-start for every local service: each returns { url, startedByUs, stop() }.
export { findOrStartPostgres, probePostgres, createDatabaseIfMissing, parsePostgresUrl, type PostgresOptions, type PostgresStrategy } from "./postgres.ts";
export { findOrStartRedis, probeRedis, type RedisOptions } from "./redis.ts";
export { findOrStartSoketi, type SoketiHandle, type SoketiOptions } from "./soketi.ts";
export {
  findOrStartMailCatcher,
  startMailCatcher,
  type CaughtMessage,
  type CaughtMessageDetail,
  type MailCatcher,
  type MailCatcherHandle,
} from "./mail-catcher.ts";
export { findFreePort, isLocalHost } from "./net.ts";
export type { ServiceHandle } from "./types.ts";
export { startLocalServices, stopServices, type LocalServices, type ServiceName } from "./start-all.ts";
export {
  startStripeTestServer,
  stripeClientOptions,
  signatureHeader,
  TEST_CARDS,
  DEV_WEBHOOK_SECRET,
  type StripeTestServer,
  type StripeTestServerOptions,
  type WebhookDelivery,
} from "./stripe-local/index.ts";
