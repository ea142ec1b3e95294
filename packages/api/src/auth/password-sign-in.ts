import { hashPassword, verifyPassword } from "@marquee/db/password";
import type { Db } from "@marquee/db";
import type { RedisClient } from "../lib/redis-client.ts";
import { type RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { rateLimitIpKey, UNKNOWN_CLIENT_IP } from "../http/client-ip.ts";
import { roleCan } from "../permissions.ts";
import { limiter } from "../rate-limit/rate-limited.ts";
import { type Clock, systemClock } from "../clock.ts";
import { AppError } from "../errors.ts";
import { verifySecondFactor } from "../services/two-factor/verify-second-factor.ts";

export interface PasswordSignInDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  app: "web" | "admin" | "checkin";
  /** The client's address (clientIpBehindNext); null shares one bucket with every other unknown. */
  ip?: string | null;
  /** How the progressive delay waits; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
}

/** Thrown (as the error's message) so next-auth answers `?error=<code>` to the sign-in page. */
export const SIGN_IN_ERRORS = {
  rateLimited: "RATE_LIMITED",
  unverified: "EMAIL_UNVERIFIED",
  noAccess: "NO_ACCESS",
  /** The password was right and the account has two-factor on: the form asks for a code. */
  twoFactorRequired: "TWO_FACTOR_REQUIRED",
  twoFactorInvalid: "TWO_FACTOR_INVALID",
  twoFactorRateLimited: "TWO_FACTOR_RATE_LIMITED",
} as const;

const ZCredentials = z.object({
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
  /** The console's second step: a TOTP or recovery code (empty: not given yet). */
  code: z.string().max(40).optional(),
});

// Failed sign-ins per client address: 30 per 15 minutes, then that address waits out the window.
// Nothing locks an account: an attacker can only slow an address down (below), never shut it.
export const FAILED_PER_IP = { points: 30, duration: 15 * 60 };
// Consecutive failures of one address (any client) are remembered 15 minutes for the delay.
const ADDRESS_FAILURE_WINDOW_SECONDS = 15 * 60;

/** Wait before answering an address with this many consecutive failures: none for 3, then 0.5 s doubling to 8 s. */
export const progressiveDelayMs = (failures: number): number => (failures < 3 ? 0 : Math.min(8000, 500 * 2 ** (failures - 3)));

const ipLimiter = (deps: PasswordSignInDeps) => limiter(deps.redis, `${deps.redisPrefix}:auth:fail-ip`, FAILED_PER_IP.points, FAILED_PER_IP.duration);
// Counting only: its points are never "used up", the count feeds progressiveDelayMs.
const addressCounter = (deps: PasswordSignInDeps) => limiter(deps.redis, `${deps.redisPrefix}:auth:fail-address`, 1_000_000, ADDRESS_FAILURE_WINDOW_SECONDS);

// A hash of nothing anyone knows: unknown addresses are checked against it, so they take as long as known ones.
let dummyHash: Promise<string> | undefined;
const passwordHashOrDummy = (stored: string | null | undefined) =>
  stored ? Promise.resolve(stored) : (dummyHash ??= hashPassword(`no-account-${Math.random()}`));

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Which accounts an app admits: the console needs an organiser role, the scanner door access. */
function mayUseApp(app: PasswordSignInDeps["app"], user: { platformRole: string; memberships: { role: Parameters<typeof roleCan>[0] }[] }): boolean {
  if (app === "web") return true;
  if (app === "admin") return user.platformRole === "PLATFORM_ADMIN" || user.memberships.length > 0;
  return user.memberships.some((membership) => roleCan(membership.role, "checkin.scan"));
}

/** Refuses a client address over its failure budget (RATE_LIMITED); Redis trouble lets the attempt through. */
async function assertIpBudget(deps: PasswordSignInDeps, ipKey: string) {
  const used = await ipLimiter(deps)
    .get(ipKey)
    .catch(() => null);
  if (used && used.consumedPoints >= FAILED_PER_IP.points) throw new Error(SIGN_IN_ERRORS.rateLimited);
}

async function recordFailure(deps: PasswordSignInDeps, ipKey: string, email: string) {
  const count = (limiterOf: RateLimiterRedis, key: string) =>
    limiterOf.penalty(key, 1).catch((error: unknown) => (error instanceof RateLimiterRes ? error : null));
  await Promise.all([count(ipLimiter(deps), ipKey), count(addressCounter(deps), email)]);
}

/**
 * The console's second step for an account with two-factor on: no code yet is
 * TWO_FACTOR_REQUIRED (the form then asks for one), a wrong or replayed code TWO_FACTOR_INVALID,
 * more than 5 tries in 15 minutes TWO_FACTOR_RATE_LIMITED.
 */
async function assertSecondFactor(deps: PasswordSignInDeps, userId: string, code: string | undefined) {
  if (!code?.trim()) throw new Error(SIGN_IN_ERRORS.twoFactorRequired);
  const right = await verifySecondFactor({ ...deps, clock: deps.clock ?? systemClock }, userId, code).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "RATE_LIMITED") throw new Error(SIGN_IN_ERRORS.twoFactorRateLimited);
    throw error;
  });
  if (!right) throw new Error(SIGN_IN_ERRORS.twoFactorInvalid);
}

/**
 * next-auth's credentials check. Same answer (null) and about the same time for an unknown
 * address, a wrong password and a disabled account; an address with failures behind it answers
 * after a growing delay; a client address with 30 failures in 15 minutes is refused
 * (RATE_LIMITED). The right password of an address not yet proven by e-mail is EMAIL_UNVERIFIED:
 * only whoever set that password learns it, and nobody signs in to an account they may not own.
 */
export async function authorizeCredentials(deps: PasswordSignInDeps, raw: unknown) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // IPv6 counts per /64, like every other limit; no address shares the one "unknown" bucket.
  const ipKey = deps.ip ? rateLimitIpKey(deps.ip) : UNKNOWN_CLIENT_IP;
  await assertIpBudget(deps, ipKey);
  const failures =
    (
      await addressCounter(deps)
        .get(email)
        .catch(() => null)
    )?.consumedPoints ?? 0;
  const delay = progressiveDelayMs(failures);
  if (delay > 0) await (deps.sleep ?? defaultSleep)(delay);

  const user = await deps.db.user.findUnique({ where: { email }, include: { memberships: { select: { role: true } } } });
  const matches = await verifyPassword(password, await passwordHashOrDummy(user?.passwordHash));
  if (!user || !user.passwordHash || !matches || user.disabledAt) {
    await recordFailure(deps, ipKey, email);
    return null;
  }
  await addressCounter(deps)
    .delete(email)
    .catch(() => undefined);
  if (!user.emailVerifiedAt) throw new Error(SIGN_IN_ERRORS.unverified);
  if (!mayUseApp(deps.app, user)) throw new Error(SIGN_IN_ERRORS.noAccess);
  if (deps.app === "admin" && user.twoFactorEnabledAt) await assertSecondFactor(deps, user.id, parsed.data.code);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
