import { rateLimited } from "../rate-limit/rate-limited.ts";
import { openapi } from "../rest/meta.ts";
import { ZCreateCartOutput, createCart } from "../services/cart/create-cart.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";

export const cartRouter = createTRPCRouter({
  /** A guest cart, or one tied to the signed-in buyer's account. Limited like joining a queue. */
  create: publicProcedure
    .use(rateLimited("join"))
    .meta(
      openapi({
        method: "POST",
        path: "/carts",
        operationId: "createCart",
        summary: "Create a (guest) cart; returns its token",
        tags: ["carts"],
        successStatus: 201,
      }),
    )
    .output(ZCreateCartOutput)
    .mutation(({ ctx }) => createCart(ctx, ctx.session?.id ?? null)),
});
