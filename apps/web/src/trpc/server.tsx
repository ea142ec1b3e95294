import { webRouter } from "@marquee/api";
import { createNextServerContext } from "@marquee/api/http/next-server-session";
import { createQueryClient } from "@marquee/ui/trpc/query-client";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { type ReactNode, cache } from "react";

// Server components call procedures directly (no HTTP) with the request's session, then hand
// the results to the browser's query cache through <HydrateClient>.

/** One QueryClient per server request. */
export const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy({
  router: webRouter,
  ctx: async () => createNextServerContext("web", await headers()),
  queryClient: getQueryClient,
});

/**
 * Procedures as an anonymous visitor, without reading the request: for pages rendered once and
 * served to everyone from Next's cache (the listing, event pages). Only public reads belong here.
 */
export const publicTrpc = createTRPCOptionsProxy({
  router: webRouter,
  ctx: async () => createNextServerContext("web", new Headers()),
  queryClient: getQueryClient,
});

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
