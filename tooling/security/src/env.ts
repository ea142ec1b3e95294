// The only file of the abuse suite that reads process.env (house style rule 8).
import { createEnv, urlWith } from "@marquee/config/env";
import { z } from "zod";

const env = createEnv({
  /** PostgreSQL server the suite's own database is cloned on (its database name is ignored). */
  DATABASE_URL: urlWith("postgres:", "postgresql:").default("postgresql://postgres@127.0.0.1:5432/marquee"),
  REDIS_URL: urlWith("redis:", "rediss:").default("redis://127.0.0.1:6379"),
  /** Redis database index of the suite's stack: its rate-limit buckets stay apart from development's and e2e's (11). */
  SECURITY_REDIS_DB: z.coerce.number().int().min(0).max(15).default(12),
  /** Where the JSON report goes (`npm test` reads it); relative to the repository root. */
  SECURITY_REPORT_FILE: z.string().min(1).default("tooling/security/test-results/report.json"),
});

export const securityConfig = {
  baseDatabaseUrl: env.DATABASE_URL,
  redisUrl: (() => {
    const url = new URL(env.REDIS_URL);
    url.pathname = `/${env.SECURITY_REDIS_DB}`;
    return url.toString();
  })(),
  reportFile: env.SECURITY_REPORT_FILE,
};
