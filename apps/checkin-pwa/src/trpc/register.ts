import type { CheckinRouter } from "@marquee/api";

// The scanner's tRPC client (useTRPC from @marquee/ui/trpc) speaks the scanner's router: exactly what
// its /api/trpc serves.
declare module "@marquee/ui/trpc" {
  interface AppRouterRegister {
    router: CheckinRouter;
  }
}
