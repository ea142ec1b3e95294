import { EventList } from "~/components/event-list";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server";

// Rendered per request: the list comes from the database, never from the build.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  // Fetched on the server so the first HTML already lists the events; the browser's query
  // cache takes the result over and keeps it fresh.
  await getQueryClient().prefetchQuery(trpc.event.list.queryOptions());
  return (
    <HydrateClient>
      <section aria-labelledby="events-heading">
        <h1 id="events-heading">Upcoming events</h1>
        <EventList />
      </section>
    </HydrateClient>
  );
}
