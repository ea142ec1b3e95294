import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { accountRouter } from "./routers/account.ts";
import { availabilityRouter } from "./routers/availability.ts";
import { cartRouter } from "./routers/cart.ts";
import { checkinRouter } from "./routers/checkin.ts";
import { eventRouter } from "./routers/event.ts";
import { holdRouter } from "./routers/hold.ts";
import { orderRouter } from "./routers/order.ts";
import { queueRouter } from "./routers/queue.ts";
import { realtimeRouter } from "./routers/realtime.ts";
import { supportRouter } from "./routers/support.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  availability: availabilityRouter,
  cart: cartRouter,
  checkin: checkinRouter,
  event: eventRouter,
  hold: holdRouter,
  order: orderRouter,
  queue: queueRouter,
  realtime: realtimeRouter,
  support: supportRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
