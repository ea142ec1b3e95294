import { verifyPassword } from "@marquee/db/password";
import type { Db } from "@marquee/db";
import type { Redis } from "ioredis";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { roleCan } from "../permissions.ts";

export type AppName = "web" | "admin" | "checkin";

export interface AuthDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  app: AppName;
  secret: string;
  secureCookies: boolean;
}

const ZCredentials = z.object({ email: z.email().max(320).transform((email) => email.toLowerCase()), password: z.string().min(1).max(200) });

// Failed sign-ins per e-mail address: 10 per 15 minutes, then refused until the window passes.
const FAILED_LIMIT = 10;
const FAILED_WINDOW_SECONDS = 15 * 60;

/** Cookie names differ per app: the three apps share a host in development (ports differ). */
export const sessionCookieName = (app: AppName, secure: boolean) => `${secure ? "__Secure-" : ""}marquee-${app}.session-token`;

/** Which accounts an app admits: the console needs an organiser role, the scanner door access. */
function mayUseApp(app: AppName, user: { platformRole: string; memberships: { role: Parameters<typeof roleCan>[0] }[] }): boolean {
  if (app === "web") return true;
  if (app === "admin") return user.platformRole === "PLATFORM_ADMIN" || user.memberships.length > 0;
  return user.memberships.some((membership) => roleCan(membership.role, "checkin.scan"));
}

export async function authorizeCredentials(deps: Pick<AuthDeps, "db" | "redis" | "redisPrefix" | "app">, raw: unknown) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const failuresKey = `${deps.redisPrefix}:auth:failures:${email}`;
  const failures = Number(await deps.redis.get(failuresKey)) || 0;
  if (failures >= FAILED_LIMIT) throw new Error("RATE_LIMITED");

  const user = await deps.db.user.findUnique({ where: { email }, include: { memberships: { select: { role: true } } } });
  const valid = !!user?.passwordHash && !user.disabledAt && (await verifyPassword(password, user.passwordHash));
  if (!user || !valid) {
    await deps.redis.multi().incr(failuresKey).expire(failuresKey, FAILED_WINDOW_SECONDS).exec();
    return null;
  }
  if (!mayUseApp(deps.app, user)) throw new Error("NO_ACCESS");
  await deps.redis.del(failuresKey);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** next-auth configuration shared by the three Next apps: credentials, JWT sessions. */
export function createAuthOptions(deps: AuthDeps): NextAuthOptions {
  const cookieName = sessionCookieName(deps.app, deps.secureCookies);
  return {
    secret: deps.secret,
    session: { strategy: "jwt", maxAge: deps.app === "web" ? 30 * 24 * 60 * 60 : 12 * 60 * 60 },
    useSecureCookies: deps.secureCookies,
    cookies: {
      sessionToken: { name: cookieName, options: { httpOnly: true, sameSite: "lax", path: "/", secure: deps.secureCookies } },
      callbackUrl: { name: `marquee-${deps.app}.callback-url`, options: { sameSite: "lax", path: "/", secure: deps.secureCookies } },
      csrfToken: { name: `marquee-${deps.app}.csrf-token`, options: { httpOnly: true, sameSite: "lax", path: "/", secure: deps.secureCookies } },
    },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials) => authorizeCredentials(deps, credentials),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
