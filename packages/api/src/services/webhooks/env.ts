import { createEnv, flag, type EnvSource } from "@marquee/config/env";

/**
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS=true lets webhook endpoints live on private, loopback and
 * link-local addresses and use http:// (local receivers in development and the e2e stack). Off
 * unless set, in every environment: a deployment that turns it on lets organisers reach its network.
 */
export const readWebhookEnv = (source: EnvSource = process.env) => createEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag(false) }, source);

export type TWebhookEnv = ReturnType<typeof readWebhookEnv>;
