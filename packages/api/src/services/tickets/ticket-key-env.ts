import { createEnv, secret, type EnvSource } from "@marquee/config/env";

/**
 * TICKET_KEY_SECRET decrypts the events' signing keys (same variable and development default as
 * packages/db's env.ts, which encrypts them when seeding); production has no default. Without a
 * source it reads the process environment, as createEnv does. Read it at start-up and pass it in
 * the services' deps (`ticketKeySecret`).
 */
export const readTicketKeyEnv = (source?: EnvSource) => createEnv({ TICKET_KEY_SECRET: secret("dev-only-ticket-key-secret-change-me", source) }, source);
