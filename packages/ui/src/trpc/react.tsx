"use client";

import type { SharedRouter } from "@marquee/api";
import type { AppName } from "@marquee/api/auth/options";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import { createQueryClient } from "./query-client.ts";
import { requestHeaders } from "./request-headers.ts";

/**
 * The router this app's client speaks. Each app registers its own once (src/trpc/register.ts):
 *
 *   declare module "@marquee/ui/trpc" { interface AppRouterRegister { router: WebRouter } }
 *
 * so `useTRPC()` offers exactly the procedures that app's /api/trpc serves. Inside this package
 * (no registration) it is the part every app has: `account.me`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each app
export interface AppRouterRegister {}
type RegisteredRouter = AppRouterRegister extends { router: infer TRouter extends AnyTRPCRouter } ? TRouter : SharedRouter;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<RegisteredRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // The server renders each request with a new client; the browser keeps one for the tab.
  if (typeof window === "undefined") return createQueryClient();
  return (browserQueryClient ??= createQueryClient());
}

/**
 * Query cache and tRPC client for one app. `source` is sent as `x-trpc-source` on every call:
 * the API's CSRF guard refuses mutations without it. Apps add their own headers through
 * `provideRequestHeaders` (request-headers.ts).
 */
export function TRPCReactProvider({ source, children }: { source: AppName; children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<RegisteredRouter>({
      links: [
        // Failed calls show up in the browser console; successful ones stay quiet.
        loggerLink({ enabled: (op) => op.direction === "down" && op.result instanceof Error }),
        httpBatchLink({
          transformer: superjson,
          url: "/api/trpc",
          // The servers refuse larger batches (TRPC_MAX_BATCH_SIZE in packages/api/src/http/body-limit.ts).
          maxItems: 20,
          headers: ({ opList }) => ({ ...requestHeaders(opList.map((op) => op.context)), "x-trpc-source": source }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
