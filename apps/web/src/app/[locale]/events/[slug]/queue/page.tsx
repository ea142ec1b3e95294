import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QueueRoom } from "~/components/event/queue-room.tsx";
import type { Locale } from "~/i18n/locales.ts";
import { getI18n } from "~/i18n/server.ts";
import { loadEvent } from "../load-event.ts";
import "~/styles/event.css";

export const dynamic = "force-dynamic";

type TQueuePageProps = { params: Promise<{ slug: string; locale: Locale }> };

export async function generateMetadata({ params }: TQueuePageProps): Promise<Metadata> {
  const { slug, locale } = await params;
  const event = await loadEvent(slug, locale);
  if (!event) return {};
  const { m } = await getI18n();
  return { title: m.queue.title(event.name), robots: { index: false } };
}

export default async function QueuePage({ params }: TQueuePageProps) {
  const { slug, locale } = await params;
  const event = await loadEvent(slug, locale);
  if (!event) notFound();
  const { m } = await getI18n();
  if (!event.waitingRoomEnabled) {
    return (
      <section className="queue-room card" aria-labelledby="queue-heading">
        <h1 id="queue-heading">{m.queue.heading}</h1>
        <p>{m.queue.noWaitingRoom}</p>
        <Link className="button button-primary" href={`/events/${event.slug}#tickets`}>
          {m.queue.goToTickets}
        </Link>
      </section>
    );
  }
  return <QueueRoom event={{ id: event.id, slug: event.slug, name: event.name, timezone: event.timezone }} />;
}
