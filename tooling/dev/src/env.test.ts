import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@marquee/config/env";
import { devEnvShape, readDevEnv } from "./env.ts";
import { repoRoot } from "./paths.ts";

/** KEY=value lines of .env.example (quotes stripped). */
function envExample(): Record<string, string> {
  const entries = readFileSync(join(repoRoot, ".env.example"), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => {
      const index = line.indexOf("=");
      return [line.slice(0, index), line.slice(index + 1).replace(/^"(.*)"$/, "$1")] as const;
    });
  return Object.fromEntries(entries);
}

describe("readDevEnv", () => {
  it("defaults to exactly the values of .env.example", () => {
    const example = envExample();
    const source = { NODE_ENV: "development" };
    const env = readDevEnv(source) as Record<string, unknown>;
    for (const key of Object.keys(devEnvShape(source))) {
      if (!(key in example)) continue; // CI is not in .env.example
      expect(String(env[key]), key).toBe(example[key]);
    }
  });

  it("rejects a malformed DATABASE_URL with one line naming the variable", () => {
    const read = () => readDevEnv({ DATABASE_URL: "localhost:5432/marquee" });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow("Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://");
  });

  it("rejects a REDIS_URL with another scheme", () => {
    expect(() => readDevEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/^Invalid configuration: REDIS_URL /);
  });

  it("treats an empty variable as unset", () => {
    expect(readDevEnv({ NODE_ENV: "test", SOKETI_PORT: "" }).SOKETI_PORT).toBe(6001);
  });

  it.each(["SOKETI_APP_SECRET", "STRIPE_WEBHOOK_SECRET"])("has no default for %s when NODE_ENV is unset", (name) => {
    const secrets = { SOKETI_APP_SECRET: "a-deployment-secret", STRIPE_WEBHOOK_SECRET: "whsec_a_deployment_secret" };
    const read = () => readDevEnv({ ...secrets, [name]: undefined });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`Invalid configuration: ${name} is required but not set (no default unless NODE_ENV is development or test)`);
  });
});

describe("npm start with a malformed DATABASE_URL", () => {
  it("prints one line naming the variable and exits 1, no stack trace", async () => {
    const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
    const run = promisify(execFile)(tsx, [join(repoRoot, "tooling", "dev", "src", "start.ts")], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: "not a url" },
    });
    const failure = await run.then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr?.trimEnd().split("\n")).toEqual(["Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://"]);
  });
});
