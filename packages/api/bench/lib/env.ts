// The benchmarks' only reads of process.env (house style: configuration through env.ts files).

/** The environment the benchmarks start from, plus the shared connection defaults. */
export const benchEnv = (): Record<string, string | undefined> => ({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "dev-only-auth-secret-change-me-in-production",
});
