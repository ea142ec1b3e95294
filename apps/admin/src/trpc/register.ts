import type { AdminRouter } from "@marquee/api";

// The console's tRPC client (useTRPC from @marquee/ui/trpc) speaks the console's router: exactly what
// its /api/trpc serves.
declare module "@marquee/ui/trpc" {
  interface AppRouterRegister {
    router: AdminRouter;
  }
}
