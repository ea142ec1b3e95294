import { z } from "zod";
import { describe, expect, it } from "vitest";
import { allowsDevDefaults, ConfigError, createEnv, devOnlyDefault, flag, port, redactUrl, secret, urlWith } from "./env.ts";
import { soketiConnection, soketiServerEnvShape } from "./soketi.ts";

describe("createEnv", () => {
  const shape = (source: Record<string, string | undefined>) => ({
    DATABASE_URL: urlWith("postgres:", "postgresql:").default("postgresql://localhost/db"),
    PORT: port(3000),
    VERBOSE: flag(false),
    AUTH_SECRET: secret("dev-secret-0123456789", source),
  });

  it("applies defaults, treats empty strings as unset, and coerces", () => {
    const source = { NODE_ENV: "development", DATABASE_URL: "", PORT: "8080", VERBOSE: "yes" };
    expect(createEnv(shape(source), source)).toEqual({
      DATABASE_URL: "postgresql://localhost/db",
      PORT: 8080,
      VERBOSE: true,
      AUTH_SECRET: "dev-secret-0123456789",
    });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://"],
    [{ PORT: "70000" }, "Invalid configuration: PORT"],
    [{ NODE_ENV: "production" }, "Invalid configuration: AUTH_SECRET is required but not set (no default unless NODE_ENV is development or test)"],
    [{}, "Invalid configuration: AUTH_SECRET is required but not set (no default unless NODE_ENV is development or test)"],
    [{ NODE_ENV: "staging" }, "Invalid configuration: AUTH_SECRET is required but not set (no default unless NODE_ENV is development or test)"],
    [{ AUTH_SECRET: "short" }, "Invalid configuration: AUTH_SECRET must be at least 16 characters"],
  ])("stops on %o with one line naming the variable", (source, message) => {
    const error = (() => {
      try {
        createEnv(shape(source), source);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain("\n");
  });

  it("reads only the variables of its shape", () => {
    expect(createEnv({ A: z.string().default("a") }, { A: "x", B: "y" })).toEqual({ A: "x" });
  });
});

describe("helpers", () => {
  it("redact passwords from URLs", () => {
    expect(redactUrl("redis://:hunter2@127.0.0.1:6379")).toBe("redis://:***@127.0.0.1:6379");
    expect(redactUrl("not a url")).toBe("(unparseable URL)");
  });

  it("map Soketi variables to a connection", () => {
    const source = { NODE_ENV: "test", SOKETI_PORT: "6101", SOKETI_USE_TLS: "true" };
    const env = createEnv(soketiServerEnvShape(source), source);
    expect(soketiConnection(env)).toEqual({ host: "127.0.0.1", port: 6101, appId: "app-id", key: "app-key", secret: "app-secret", useTLS: true });
  });
});

describe("development-only defaults", () => {
  it("apply when NODE_ENV is development or test, and never otherwise (unset included)", () => {
    expect([undefined, "", "development", "test", "production", "staging", "Development"].map((NODE_ENV) => allowsDevDefaults({ NODE_ENV }))).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
    const shape = (source: Record<string, string | undefined>) => ({ TOKEN: devOnlyDefault(z.string().startsWith("t_"), "t_dev", source) });
    expect(createEnv(shape({ NODE_ENV: "test" }), { NODE_ENV: "test" })).toEqual({ TOKEN: "t_dev" });
    expect(() => createEnv(shape({}), {})).toThrowError(
      new ConfigError("Invalid configuration: TOKEN is required but not set (no default unless NODE_ENV is development or test)"),
    );
  });

  it("leave SOKETI_APP_SECRET without a default when NODE_ENV is unset", () => {
    expect(() => createEnv(soketiServerEnvShape({}), {})).toThrowError(
      new ConfigError("Invalid configuration: SOKETI_APP_SECRET is required but not set (no default unless NODE_ENV is development or test)"),
    );
    expect(createEnv(soketiServerEnvShape({}), { SOKETI_APP_SECRET: "deployment-secret" }).SOKETI_APP_SECRET).toBe("deployment-secret");
  });
});
