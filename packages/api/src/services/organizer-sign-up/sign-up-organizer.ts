import { randomBytes, randomUUID } from "node:crypto";
import { type Db, Prisma } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../../errors.ts";
import { limiter } from "../../rate-limit/rate-limited.ts";
import { hashPassword } from "@marquee/db/password";
import { recordAudit } from "../audit/record-audit.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import type { TOrganizerSignUpInput } from "./organizer-sign-up-schemas.ts";

// Sign-up e-mails per address, whether or not it has an account: 5 per hour, so nobody floods an
// inbox through the form (the procedure also limits each client address).
export const SIGN_UPS_PER_ADDRESS = { points: 5, duration: 60 * 60 };

async function consumeAddressBudget(deps: { redis: RedisClient; redisPrefix: string }, email: string) {
  try {
    await limiter(deps.redis, `${deps.redisPrefix}:rl:organizer-signup:address`, SIGN_UPS_PER_ADDRESS.points, SIGN_UPS_PER_ADDRESS.duration).consume(email);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many sign-ups for this address. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/** A URL slug from the organisation's name plus a random tail (slugs are unique; names are not). */
export function organizationSlug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "organisation"}-${randomBytes(3).toString("hex")}`;
}

/**
 * An organiser's sign-up: a new account (unproven, so its password does not sign in yet), its
 * organisation and the OWNER membership, and the confirmation e-mail through the outbox, in one
 * transaction. An address that already has an account changes nothing and gets an e-mail saying
 * so: the answer, and roughly its time (the password is hashed either way), is the same, so the
 * form tells nobody which addresses have accounts. 5 sign-ups per address per hour (any address).
 */
export async function signUpOrganizer(deps: { db: Db; redis: RedisClient; redisPrefix: string }, input: TOrganizerSignUpInput): Promise<{ ok: true }> {
  await consumeAddressBudget(deps, input.email);
  const requestId = randomUUID();
  const existing = await deps.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  const passwordHash = await hashPassword(input.password);
  const tellExisting = () =>
    deps.db.$transaction((tx) =>
      writeOutbox(tx, {
        topic: "organizer.signed-up",
        aggregateType: "User",
        aggregateId: input.email,
        payload: { requestId, email: input.email, userId: null, locale: input.locale },
      }),
    );
  if (existing) {
    await tellExisting();
    return { ok: true };
  }
  try {
    await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, locale: input.locale }, select: { id: true } });
      const organization = await tx.organization.create({
        data: {
          name: input.organizationName,
          slug: organizationSlug(input.organizationName),
          country: input.country,
          currency: input.currency,
          invoiceSequence: { create: {} },
        },
        select: { id: true },
      });
      await tx.membership.create({ data: { userId: user.id, organizationId: organization.id, role: "OWNER" } });
      await recordAudit(tx, {
        organizationId: organization.id,
        actor: { kind: "user", userId: user.id, ip: null },
        action: "organization.create",
        targetType: "Organization",
        targetId: organization.id,
        data: { name: input.organizationName, country: input.country, currency: input.currency },
      });
      await writeOutbox(tx, {
        topic: "organizer.signed-up",
        aggregateType: "User",
        aggregateId: user.id,
        payload: { requestId, email: input.email, userId: user.id, locale: input.locale },
      });
    });
  } catch (error) {
    // Two sign-ups with one address at once: the unique index decides, the loser is "existing".
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    await tellExisting();
  }
  return { ok: true };
}
