import type { Metadata } from "next";
import { EventList } from "~/components/event-list.tsx";
import { EventSearch } from "~/components/event-search.tsx";
import { type Locale } from "~/i18n/locales.ts";
import { getI18n } from "~/i18n/server.ts";
import { HydrateClient, getQueryClient, publicTrpc } from "~/trpc/server.tsx";

// Rendered once per language and served from Next's cache to everyone, re-rendered in the
// background at most every 30 s (the browser's query cache then refetches anything older, and a
// sale's opening is also tracked on the event page itself). Searching goes to
// /search, which is rendered per request.
export const revalidate = 30;

type THomeProps = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: THomeProps): Promise<Metadata> {
  const { m } = await getI18n((await params).locale);
  return { title: { absolute: `${m.common.brand} — ${m.home.title}` }, description: m.home.metaDescription };
}

export default async function HomePage({ params }: THomeProps) {
  const { locale } = await params;
  const { m } = await getI18n(locale);
  const listing = { ...LISTING, locale };
  // Fetched on the server so the first HTML already lists the events; the browser's query
  // cache takes the result over and keeps it fresh.
  await getQueryClient().prefetchQuery(publicTrpc.event.list.queryOptions(listing));
  return (
    <HydrateClient>
      <h1 id="events-heading">{m.home.title}</h1>
      <EventSearch params={{}} />
      <section aria-labelledby="events-heading">
        <EventList input={listing} filtered={false} showAllLink />
      </section>
    </HydrateClient>
  );
}

// The soonest two dozen: a light page under a rush; "all events" is the search page.
const LISTING = { limit: 24 };
