import { ConfigError } from "@marquee/config/env";
import { describe, expect, it } from "vitest";
import { readWalletEnv, walletSettingsFromEnv } from "./env.ts";

describe("readWalletEnv", () => {
  it("requires the ids, certificates and Google key in production, naming the first missing one", () => {
    expect(() => readWalletEnv({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => readWalletEnv({ NODE_ENV: "production" })).toThrow(/APPLE_PASS_TYPE_ID is required but not set/);
    expect(() => readWalletEnv({ NODE_ENV: "production", APPLE_PASS_TYPE_ID: "pass.com.example.tickets", APPLE_TEAM_ID: "ABCDE12345" })).toThrow(
      /APPLE_PASS_CERT_PEM/,
    );
  });

  it("allows generated development credentials in development, tests and with WALLET_DEVELOPMENT_CREDENTIALS=true", () => {
    for (const source of [{ NODE_ENV: "development" }, { NODE_ENV: "test" }, { NODE_ENV: "production", WALLET_DEVELOPMENT_CREDENTIALS: "true" }]) {
      const settings = walletSettingsFromEnv(readWalletEnv(source));
      expect(settings.apple).toMatchObject({ passTypeId: "pass.dev.marquee.ticket", development: true });
      expect(settings.apple.signerCert).toContain("-----BEGIN CERTIFICATE-----");
      expect(settings.google.development).toBe(true);
      expect(settings.apns).toBeNull();
    }
  });

  it("reads one-line PEM values with \\n and refuses what is not PEM", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----";
    const env = readWalletEnv({ NODE_ENV: "test", APPLE_APNS_KEY_PEM: pem, APPLE_APNS_KEY_ID: "KEY1234567" });
    expect(env.APPLE_APNS_KEY_PEM).toBe("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
    expect(walletSettingsFromEnv(env).apns).toMatchObject({ keyId: "KEY1234567", url: "https://api.push.apple.com", topic: "pass.dev.marquee.ticket" });
    expect(() => readWalletEnv({ NODE_ENV: "test", GOOGLE_WALLET_PRIVATE_KEY_PEM: "not a key" })).toThrow(/GOOGLE_WALLET_PRIVATE_KEY_PEM must be a PEM block/);
  });
});
