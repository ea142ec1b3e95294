import type { AppName } from "../auth/options.ts";

/** The names a browser may use for this machine's loopback interface, as URL hostnames. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** The origin with each loopback name for its host (same scheme and port); none for any other host. */
function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [];
  return LOOPBACK_HOSTS.map((host) => {
    const alias = new URL(origin);
    alias.hostname = host;
    return alias.origin;
  });
}

/**
 * The origins whose mutations the CSRF guard accepts: the app's own first (the guard's refusal
 * names it as the address to open), then the other apps'. With ACCEPT_LOOPBACK_ALIASES (on by
 * default in development and tests, and under `npm start`) a loopback origin also stands for its
 * aliases, so http://127.0.0.1:3000 works where http://localhost:3000 is configured; otherwise only
 * the configured origins do.
 */
export function allowedOriginsFor(env: { ACCEPT_LOOPBACK_ALIASES: boolean; WEB_URL: string; ADMIN_URL: string; CHECKIN_URL: string }, app: AppName): string[] {
  const own = app === "web" ? env.WEB_URL : app === "admin" ? env.ADMIN_URL : env.CHECKIN_URL;
  const configured = [own, env.WEB_URL, env.ADMIN_URL, env.CHECKIN_URL].map((url) => new URL(url).origin);
  const aliases = env.ACCEPT_LOOPBACK_ALIASES ? configured.flatMap(loopbackAliases) : [];
  return [...new Set([...configured, ...aliases])];
}
