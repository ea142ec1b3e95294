import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventDetails } from "~/components/event/event-details.tsx";
import { TicketSelection } from "~/components/event/ticket-selection.tsx";
import type { Locale } from "~/i18n/locales.ts";
import { HydrateClient, getQueryClient, publicTrpc } from "~/trpc/server.tsx";
import { loadEvent } from "./load-event.ts";
import "~/styles/event.css";

// Rendered on first request per language and served from Next's cache to everyone, re-rendered
// in the background at most every 30 s: under a rush the page costs no database read. Remaining
// counts and seat states are live in the browser (availability.get, then Soketi), so the cached
// copy's counts are only the first paint.
export const revalidate = 30;
export const generateStaticParams = () => [];

type TEventPageProps = { params: Promise<{ locale: Locale; slug: string }> };

export async function generateMetadata({ params }: TEventPageProps): Promise<Metadata> {
  const { slug, locale } = await params;
  const event = await loadEvent(slug, locale);
  if (!event) return {};
  return { title: event.name, description: event.description.slice(0, 160) || undefined };
}

export default async function EventPage({ params }: TEventPageProps) {
  const { slug, locale } = await params;
  const event = await loadEvent(slug, locale);
  if (!event) notFound();
  // Remaining counts in the first HTML; the browser keeps them live. A failure here is left to
  // the browser, which retries and says so.
  await getQueryClient().prefetchQuery(publicTrpc.availability.get.queryOptions({ eventId: event.id }));
  return (
    <HydrateClient>
      <article className="event-page" aria-labelledby="event-heading">
        <EventDetails event={event} locale={locale} />
        <TicketSelection slug={slug} />
      </article>
    </HydrateClient>
  );
}
