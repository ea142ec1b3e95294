import { describe, expect, it } from "vitest";
import { readTicketKeyEnv } from "./ticket-key-env.ts";

describe("readTicketKeyEnv", () => {
  it("has packages/db's development default and none in production", () => {
    expect(readTicketKeyEnv({ NODE_ENV: "development" }).TICKET_KEY_SECRET).toBe("dev-only-ticket-key-secret-change-me");
    expect(readTicketKeyEnv({ NODE_ENV: "production", TICKET_KEY_SECRET: "a-production-secret-0123456789" }).TICKET_KEY_SECRET).toBe(
      "a-production-secret-0123456789",
    );
    expect(() => readTicketKeyEnv({ NODE_ENV: "production" })).toThrowError(/^Invalid configuration: TICKET_KEY_SECRET is required/);
  });
});
