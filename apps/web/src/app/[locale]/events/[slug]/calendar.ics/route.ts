import { createWebCaller } from "@marquee/api";
import { createNextServerContext } from "@marquee/api/http/next-server-session";
import { appOrigin, getServerClients } from "@marquee/api/http/server-clients";
import { buildEventCalendar, calendarFileName } from "@marquee/api/services/event/event-calendar";
import { TRPCError } from "@trpc/server";

export const dynamic = "force-dynamic";

/** GET /events/<slug>/calendar.ics: the event as an iCalendar file ("Add to calendar"). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const caller = createWebCaller(await createNextServerContext("web", request.headers));
  let event;
  try {
    event = await caller.event.get({ idOrSlug: slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) {
      return new Response("Event not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
  const origin = appOrigin(getServerClients().env, "web");
  const url = new URL(`/events/${encodeURIComponent(event.slug)}`, origin).toString();
  const body = buildEventCalendar(event, { url, now: new Date(), domain: origin.hostname });
  return new Response(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${calendarFileName(event.slug)}"`,
      "cache-control": "public, max-age=300",
    },
  });
}
