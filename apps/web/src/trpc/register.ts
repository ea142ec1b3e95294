import type { WebRouter } from "@marquee/api";

// The shop's tRPC client (useTRPC from @marquee/ui/trpc) speaks the shop's router: exactly what
// its /api/trpc serves.
declare module "@marquee/ui/trpc" {
  interface AppRouterRegister {
    router: WebRouter;
  }
}
