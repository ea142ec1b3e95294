import NextAuth from "next-auth";
import { type AppName, createAuthOptions } from "../auth/options.ts";
import { restError } from "../rest/errors.ts";
import { createMailer } from "../services/mail/create-mailer.ts";
import { assertFetchBodyWithin, BODY_LIMITS } from "./body-limit.ts";
import { appOrigin, getServerClients } from "./server-clients.ts";

type RouteHandler = (req: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/**
 * The next-auth route handler each Next app mounts at /api/auth/[...nextauth]. Built on the first
 * request, not at import, so `next build` needs neither secrets nor running services.
 */
export function createNextAuthHandler(app: AppName): RouteHandler {
  let handler: RouteHandler | undefined;
  return async (req, context) => {
    try {
      await assertFetchBodyWithin(req, BODY_LIMITS.auth);
    } catch (error) {
      const { status, headers, body } = restError(error);
      return Response.json(body, { status, headers });
    }
    if (!handler) {
      const { env, db, redis, redisPrefix, trustedProxies } = getServerClients();
      const origin = appOrigin(env, app);
      const secureCookies = origin.protocol === "https:";
      // next-auth v4 builds its callback URLs from NEXTAUTH_URL; derive it from our own setting.
      // eslint-disable-next-line no-restricted-properties
      process.env.NEXTAUTH_URL ??= origin.origin;
      // The shop's e-mail sign-in links go out over SMTP_URL (the local catcher in development).
      const mailer = app === "web" ? createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }) : undefined;
      handler = NextAuth(createAuthOptions({ db, redis, redisPrefix, app, secret: env.AUTH_SECRET, secureCookies, mailer, trustedProxies })) as RouteHandler;
    }
    return handler(req, context);
  };
}
