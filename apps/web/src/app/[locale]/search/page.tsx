import type { Metadata } from "next";
import { EventList } from "~/components/event-list.tsx";
import { EventSearch } from "~/components/event-search.tsx";
import { getI18n } from "~/i18n/server.ts";
import { listingSearch } from "~/lib/listing-search.ts";
import { createMicroCache } from "~/lib/micro-cache.ts";
import { HydrateClient, getQueryClient, publicTrpc } from "~/trpc/server.tsx";

// Rendered per request (any search), but a rush of identical searches shares one database read
// every two seconds.
export const dynamic = "force-dynamic";

const searchCache = createMicroCache<unknown>({ ttlMs: 2_000, maxEntries: 500 });

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.home.searchHeading };
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { m, locale } = await getI18n();
  const { params, input: filters } = listingSearch(await searchParams);
  const input = { ...filters, locale };
  const queryClient = getQueryClient();
  const options = publicTrpc.event.list.queryOptions(input);
  const events = await searchCache(JSON.stringify(input), () => queryClient.fetchQuery(options));
  queryClient.setQueryData(options.queryKey, events as Awaited<ReturnType<NonNullable<typeof options.queryFn>>>);
  return (
    <HydrateClient>
      <h1 id="events-heading">{m.home.searchHeading}</h1>
      <EventSearch params={params} />
      <section aria-labelledby="events-heading">
        <EventList input={input} filtered={Object.values(params).some(Boolean)} />
      </section>
    </HydrateClient>
  );
}
