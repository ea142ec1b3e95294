import { createHash } from "node:crypto";
import { type Db, Prisma } from "@marquee/db";
import type { Adapter, AdapterUser, VerificationToken } from "next-auth/adapters";
import { proveEmailAddress } from "../services/account/prove-email-address.ts";

/** What next-auth sees of a user; sessionVersion feeds the JWT (see the jwt callback). */
export interface MarqueeAdapterUser extends AdapterUser {
  sessionVersion: number;
  disabled: boolean;
}

const USER_SELECT = { id: true, email: true, name: true, emailVerifiedAt: true, sessionVersion: true, disabledAt: true } as const;

type TUserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

const toAdapterUser = (user: TUserRow): MarqueeAdapterUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  emailVerified: user.emailVerifiedAt,
  sessionVersion: user.sessionVersion,
  disabled: user.disabledAt !== null,
});

// next-auth already hands us sha256(token + secret); hashing once more keeps this adapter safe on
// its own: the stored value is never what any caller passes in.
export const verificationTokenHash = (token: string) => createHash("sha256").update(`marquee-verification:${token}`).digest("base64url");

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
const isNotFound = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";

/**
 * The slice of a next-auth adapter that e-mail sign-in needs, over Prisma's User and
 * VerificationToken. Sessions stay JWTs, so there are no session or account methods.
 */
export function createMarqueeAdapter(db: Db): Adapter {
  const getUserByEmail = async (email: string) => {
    const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: USER_SELECT });
    return user ? toAdapterUser(user) : null;
  };
  return {
    getUserByEmail,
    async getUser(id) {
      // JWT subjects are uuids; anything else (a forged or foreign token) is simply no user.
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const user = await db.user.findUnique({ where: { id }, select: USER_SELECT });
      return user ? toAdapterUser(user) : null;
    },
    async createUser(user: Omit<AdapterUser, "id">) {
      const email = user.email.toLowerCase();
      try {
        const created = await db.user.create({
          data: { email, name: user.name ?? null, emailVerifiedAt: user.emailVerified ?? new Date() },
          select: USER_SELECT,
        });
        return toAdapterUser(created);
      } catch (error) {
        // Two links for a new address opened at once: the second finds the first's account.
        const existing = isUniqueViolation(error) ? await getUserByEmail(email) : null;
        if (existing) return existing;
        throw error;
      }
    },
    async updateUser(user) {
      // Only what e-mail sign-in changes: the address is proven (and a name, should one come).
      // The first proof clears a password set before it and moves the session version on, so the
      // JWT next-auth issues next carries the new version and every older session ends.
      if (user.emailVerified) await proveEmailAddress({ db }, user.id, user.emailVerified);
      const updated =
        user.name !== undefined
          ? await db.user.update({ where: { id: user.id }, data: { name: user.name }, select: USER_SELECT })
          : await db.user.findUniqueOrThrow({ where: { id: user.id }, select: USER_SELECT });
      return toAdapterUser(updated);
    },
    async createVerificationToken(token) {
      const identifier = token.identifier.toLowerCase();
      // Expired links of this address are of no use to anyone: tidy them up on the way.
      await db.verificationToken.deleteMany({ where: { identifier, expiresAt: { lt: new Date() } } });
      await db.verificationToken.create({ data: { identifier, tokenHash: verificationTokenHash(token.token), expiresAt: token.expires } });
      return token;
    },
    async useVerificationToken({ identifier, token }): Promise<VerificationToken | null> {
      // Deleting is the use: a link works once, and of two concurrent clicks only one finds it.
      try {
        const used = await db.verificationToken.delete({ where: { tokenHash: verificationTokenHash(token), identifier: identifier.toLowerCase() } });
        return { identifier: used.identifier, token, expires: used.expiresAt };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}
