import type { Db } from "@marquee/db";
import type { RedisClient } from "../lib/redis-client.ts";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { EmailConfig } from "next-auth/providers/email";
import { type TrustedProxies, clientIpBehindNext, parseTrustedProxies } from "../http/client-ip.ts";
import { type AppName, decodeAppSessionToken } from "./app-session-token.ts";
import type { Mailer } from "../services/mail/create-mailer.ts";
import { EMAIL_LINK_RATE_LIMITED, SIGN_IN_LINK_MAX_AGE_SECONDS, allowSignInLinkRequest, sendSignInLink } from "./email-sign-in.ts";
import { authorizeCredentials } from "./password-sign-in.ts";
import { createMarqueeAdapter } from "./prisma-adapter.ts";
import { endSessionsOf } from "../services/account/end-sessions.ts";

export { authorizeCredentials };

export type { AppName };

export interface AuthDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  app: AppName;
  secret: string;
  secureCookies: boolean;
  /** The shop's e-mail sign-in links go out through it; without one the web app has passwords only. */
  mailer?: Mailer;
  /** TRUSTED_PROXIES: whose X-Forwarded-For names the client for the sign-in limits (none: the rightmost entry). */
  trustedProxies?: TrustedProxies;
}

/** Cookie names differ per app: the three apps share a host in development (ports differ). */
export const sessionCookieName = (app: AppName, secure: boolean) => `${secure ? "__Secure-" : ""}marquee-${app}.session-token`;

/** next-auth hands authorize() the request's headers as a plain object (lower-case names). */
const forwardedFor = (req: { headers?: Record<string, unknown> } | undefined) => {
  const value = req?.headers?.["x-forwarded-for"];
  return typeof value === "string" ? value : null;
};

/**
 * E-mail sign-in links, for the shop only (the console and the scanner keep passwords): an
 * adapter over User and VerificationToken, links valid 15 minutes and once.
 */
function emailSignIn(deps: AuthDeps & { mailer: Mailer }): Pick<NextAuthOptions, "adapter" | "providers"> {
  return {
    adapter: createMarqueeAdapter(deps.db),
    // The provider's config written out: next-auth's EmailProvider() module requires nodemailer
    // from its own folder, and we send through our own mailer anyway.
    providers: [
      {
        id: "email",
        type: "email",
        name: "Email",
        server: {},
        from: deps.mailer.from,
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: (request) => sendSignInLink(deps, request),
        options: {},
      } satisfies EmailConfig,
    ],
  };
}

const NO_PROXIES = parseTrustedProxies("");

/** next-auth configuration shared by the three Next apps: credentials, JWT sessions. */
export function createAuthOptions(deps: AuthDeps): NextAuthOptions {
  const cookieName = sessionCookieName(deps.app, deps.secureCookies);
  const email = deps.app === "web" && deps.mailer ? emailSignIn({ ...deps, mailer: deps.mailer }) : null;
  return {
    secret: deps.secret,
    session: { strategy: "jwt", maxAge: deps.app === "web" ? 30 * 24 * 60 * 60 : 12 * 60 * 60 },
    // A cookie another app issued (same secret, renamed) reads as no session at all.
    jwt: { decode: (params) => decodeAppSessionToken(params, deps.app) },
    useSecureCookies: deps.secureCookies,
    cookies: {
      sessionToken: { name: cookieName, options: { httpOnly: true, sameSite: "lax", path: "/", secure: deps.secureCookies } },
      callbackUrl: { name: `marquee-${deps.app}.callback-url`, options: { sameSite: "lax", path: "/", secure: deps.secureCookies } },
      csrfToken: { name: `marquee-${deps.app}.csrf-token`, options: { httpOnly: true, sameSite: "lax", path: "/", secure: deps.secureCookies } },
    },
    pages: { signIn: "/signin", error: "/signin", ...(email ? { verifyRequest: "/signin/check-email" } : {}) },
    ...(email ? { adapter: email.adapter } : {}),
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Two-factor code", type: "text" },
        },
        authorize: (credentials, req) =>
          authorizeCredentials({ ...deps, ip: clientIpBehindNext(forwardedFor(req), deps.trustedProxies ?? NO_PROXIES) }, credentials),
      }),
      ...(email?.providers ?? []),
    ],
    events: {
      // Signing out ends the session everywhere it was copied to: the cookie's version is retired.
      async signOut({ token }) {
        if (typeof token?.sub === "string") await endSessionsOf(deps, token.sub, Number(token.sessionVersion ?? -1));
      },
    },
    callbacks: {
      // Credentials were checked in authorize(); this only concerns e-mail links.
      async signIn({ user, account, email: emailStep }) {
        if (account?.type !== "email") return true;
        if (emailStep?.verificationRequest) {
          // Asking for a link: limited per address (next-auth reports the thrown error as
          // `?error=Error: EmailRateLimited`). A disabled account is not refused here (that would
          // tell who is disabled); it simply gets no e-mail (sendSignInLink).
          if (!(await allowSignInLinkRequest(deps, user.email ?? ""))) throw new Error(EMAIL_LINK_RATE_LIMITED);
          return true;
        }
        // Following a link: a disabled account is refused (AccessDenied).
        return !(user as { disabled?: boolean }).disabled;
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.app = deps.app;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
