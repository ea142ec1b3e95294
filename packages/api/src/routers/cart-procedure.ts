import type { RateLimitPolicy } from "../rate-limit/limits.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { requireCart } from "../services/cart/resolve-cart.ts";
import { publicProcedure } from "../trpc.ts";

/** A buyer's procedure: rate limited by policy, acting for the cart named by X-Cart-Token (guest or signed-in). */
export const cartProcedure = (policy: RateLimitPolicy) =>
  publicProcedure.use(rateLimited(policy)).use(async ({ ctx, next }) => next({ ctx: { cart: await requireCart(ctx, ctx.request.cartToken) } }));
