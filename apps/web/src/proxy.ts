import { type NextRequest, NextResponse } from "next/server";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER, resolveLocale } from "~/i18n/locales.ts";

// Pages live under app/[locale]/ so each language's listing and event pages can be rendered once
// and served from Next's cache under a rush. Buyers keep plain URLs: `/events/x` is rewritten to
// `/en/events/x` or `/de/events/x` by their language cookie (else Accept-Language); an explicit
// `/de/...` link works too. The chosen language rides to server components as a request header.

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const first = pathname.split("/")[1];
  const headers = new Headers(request.headers);
  if (isLocale(first)) {
    headers.set(LOCALE_HEADER, first);
    return NextResponse.next({ request: { headers } });
  }
  const locale = resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  headers.set(LOCALE_HEADER, locale);
  const url = request.nextUrl.clone();
  url.pathname = `/${locale}${pathname === "/" ? "" : pathname}`;
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  // Everything but the API, Next's own files, the health check (app/healthz) and files with an
  // extension (icons, robots.txt), which Next serves from app/ and public/ as they are. Pages' own
  // files with an extension are listed: "Add to calendar" links to the plain /events/<slug>/calendar.ics.
  matcher: ["/((?!api/|_next/|healthz$|.*\\..*).*)", "/events/:slug/calendar.ics"],
};
