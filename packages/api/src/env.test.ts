import { ConfigError } from "@marquee/config/env";
import { describe, expect, it } from "vitest";
import { readApiEnv, readFulfilmentEnv, readInboundEmailDomain, readLogEnv, readStripeEnv } from "./env.ts";
import { readRealtimeEnv } from "./realtime/env.ts";
import { readAdmissionTokenEnv } from "./services/queue/admission-token.ts";
import { readTicketKeyEnv } from "./services/tickets/ticket-key-env.ts";

const NO_DEFAULT = "is required but not set (no default unless NODE_ENV is development or test)";

/** Every secret the API and the workers read, with the reader that reads it. */
const SECRET_READERS: [string, (source: Record<string, string | undefined>) => unknown][] = [
  ["AUTH_SECRET", readApiEnv],
  ["TICKET_KEY_SECRET", readFulfilmentEnv],
  ["TICKET_KEY_SECRET", readTicketKeyEnv],
  ["ADMISSION_TOKEN_SECRET", readAdmissionTokenEnv],
  ["STRIPE_WEBHOOK_SECRET", readStripeEnv],
  ["SOKETI_APP_SECRET", readRealtimeEnv],
];

describe("API configuration", () => {
  it("has working local defaults outside production", () => {
    expect(readApiEnv({ NODE_ENV: "development" })).toMatchObject({ REDIS_PREFIX: "marquee", WEB_URL: "http://localhost:3000" });
  });

  it("requires the auth secret in production, in one line naming it", () => {
    expect(() => readApiEnv({ NODE_ENV: "production" })).toThrowError(new ConfigError(`Invalid configuration: AUTH_SECRET ${NO_DEFAULT}`));
  });

  it.each(SECRET_READERS)("has no default for %s when NODE_ENV is unset (production for this rule)", (name, read) => {
    // STRIPE_API_URL: the local Stripe server chosen on purpose, so only the webhook secret is missing.
    expect(() => read({ STRIPE_API_URL: "http://127.0.0.1:12111" })).toThrowError(new ConfigError(`Invalid configuration: ${name} ${NO_DEFAULT}`));
    expect(() => read({ NODE_ENV: "test" })).not.toThrow();
    expect(() => read({ NODE_ENV: "development" })).not.toThrow();
  });

  it("takes an empty STRIPE_SECRET_KEY in production only with STRIPE_API_URL set on purpose", () => {
    expect(() => readStripeEnv({ STRIPE_WEBHOOK_SECRET: "whsec_deployment" })).toThrowError(
      /^Invalid configuration: STRIPE_SECRET_KEY is required in production/,
    );
    expect(readStripeEnv({ STRIPE_WEBHOOK_SECRET: "whsec_deployment", STRIPE_API_URL: "http://127.0.0.1:12111" }).STRIPE_SECRET_KEY).toBe("");
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/marquee"],
    ["REDIS_URL", "not a url"],
    ["ADMIN_URL", "ftp://example.test"],
  ])("names %s when it is malformed", (name, value) => {
    expect(() => readApiEnv({ NODE_ENV: "test", [name]: value })).toThrowError(new RegExp(`^Invalid configuration: ${name} must be a URL`));
  });

  it("bounds the standalone server's shutdown (25 s grace, no delay by default) and reads LOG_LEVEL as pino names it", () => {
    expect(readApiEnv({ NODE_ENV: "production", AUTH_SECRET: "a-production-secret-value" })).toMatchObject({ SHUTDOWN_GRACE_MS: 25_000, SHUTDOWN_DELAY_MS: 0 });
    expect(readApiEnv({ NODE_ENV: "test", SHUTDOWN_GRACE_MS: "8000", SHUTDOWN_DELAY_MS: "5000" })).toMatchObject({
      SHUTDOWN_GRACE_MS: 8_000,
      SHUTDOWN_DELAY_MS: 5_000,
    });
    expect(() => readApiEnv({ NODE_ENV: "test", SHUTDOWN_GRACE_MS: "soon" })).toThrowError(/^Invalid configuration: SHUTDOWN_GRACE_MS /);
    expect(() => readApiEnv({ NODE_ENV: "test", SHUTDOWN_DELAY_MS: "-1" })).toThrowError(/^Invalid configuration: SHUTDOWN_DELAY_MS /);
    expect(readLogEnv({}).LOG_LEVEL).toBe("info");
    expect(() => readLogEnv({ LOG_LEVEL: "loud" })).toThrowError(/^Invalid configuration: LOG_LEVEL /);
  });

  it("reads the inbound mail domain lower-cased, with a development default, and refuses what is not a domain", () => {
    expect(readInboundEmailDomain({})).toBe("inbound.marquee.local");
    expect(readApiEnv({ NODE_ENV: "test", INBOUND_EMAIL_DOMAIN: "Support.Example.COM" }).INBOUND_EMAIL_DOMAIN).toBe("support.example.com");
    for (const value of ["localhost", "a@b.example", "-bad.example", "under_score.example"]) {
      expect(() => readInboundEmailDomain({ INBOUND_EMAIL_DOMAIN: value })).toThrowError(/^Invalid configuration: INBOUND_EMAIL_DOMAIN must be a domain name/);
    }
  });
});
