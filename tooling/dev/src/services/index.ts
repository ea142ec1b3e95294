// Find-or-start for every local service: each returns { url, startedByUs, stop() }.
export { findOrStartPostgres, probePostgres, createDatabaseIfMissing, parsePostgresUrl, type PostgresOptions, type PostgresStrategy } from "./postgres";
export { findOrStartRedis, probeRedis, type RedisOptions } from "./redis";
export { findOrStartSoketi, type SoketiHandle, type SoketiOptions } from "./soketi";
export { findOrStartMailCatcher, startMailCatcher, type CaughtMessage, type CaughtMessageDetail, type MailCatcher, type MailCatcherHandle } from "./mail-catcher";
export { findFreePort, isLocalHost } from "./net";
export type { ServiceHandle } from "./types";
export { startLocalServices, stopServices, type LocalServices, type ServiceName } from "./start-all";
export { startStripeTestServer, stripeClientOptions, signatureHeader, TEST_CARDS, DEV_WEBHOOK_SECRET, type StripeTestServer, type StripeTestServerOptions, type WebhookDelivery } from "./stripe-local/index.ts";
