import { adminRouter } from "@marquee/api";
import { createNextServerContext } from "@marquee/api/http/next-server-session";
import { createQueryClient } from "@marquee/ui/trpc/query-client";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { type ReactNode, cache } from "react";

// Server components call the console's procedures directly (no HTTP) with the request's session,
// then hand the results to the browser's query cache through <HydrateClient>, as the shop does.

/** One QueryClient per server request. */
export const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy({
  router: adminRouter,
  ctx: async () => createNextServerContext("admin", await headers()),
  queryClient: getQueryClient,
});

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
