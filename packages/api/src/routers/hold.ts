import { idempotent } from "../idempotency/idempotent.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { openapi } from "../rest/meta.ts";
import { createHold } from "../services/booking/create-hold.ts";
import { releaseHold } from "../services/booking/end-hold.ts";
import { getHold } from "../services/booking/get-hold.ts";
import { ZCreateHoldInput, ZHoldIdInput, ZHoldOutput } from "../services/booking/hold-schemas.ts";
import { requireCart } from "../services/cart/resolve-cart.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";

/** Holds belong to the cart named by X-Cart-Token (guest or signed-in). */
const cartProcedure = (policy: "hold" | "poll") =>
  publicProcedure.use(rateLimited(policy)).use(async ({ ctx, next }) => next({ ctx: { cart: await requireCart(ctx, ctx.request.cartToken) } }));

export const holdRouter = createTRPCRouter({
  create: cartProcedure("hold")
    .meta(
      openapi({
        method: "POST",
        path: "/events/{eventId}/holds",
        operationId: "createHold",
        summary: "Hold tickets or seats",
        tags: ["holds"],
        cartToken: "required",
        admissionToken: "optional",
        idempotencyKey: true,
        successStatus: 201,
      }),
    )
    .input(ZCreateHoldInput)
    .output(ZHoldOutput)
    .mutation(idempotent("hold.create", ({ ctx, input }) => createHold(ctx, ctx.cart, ctx.request, input))),
  get: cartProcedure("poll")
    .meta(openapi({ method: "GET", path: "/holds/{holdId}", operationId: "getHold", summary: "A hold of this cart", tags: ["holds"], cartToken: "required" }))
    .input(ZHoldIdInput)
    .output(ZHoldOutput)
    .query(({ ctx, input }) => getHold(ctx, ctx.cart, input.holdId)),
  release: cartProcedure("hold")
    .meta(openapi({ method: "DELETE", path: "/holds/{holdId}", operationId: "releaseHold", summary: "Release a hold early", tags: ["holds"], cartToken: "required" }))
    .input(ZHoldIdInput)
    .output(ZHoldOutput)
    .mutation(({ ctx, input }) => releaseHold(ctx, ctx.cart, input.holdId)),
});
