import { QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One QueryClient per request on the server and one per tab in the browser. Dehydration uses
 * superjson, like the tRPC link, so Dates prefetched by server components survive hydration
 * (apps that fetch in the browser only never dehydrate, and the options cost them nothing).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data fetched on the server is fresh for a little while: no refetch right after hydration.
      queries: { staleTime: 30 * 1000 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
