import { idempotent } from "../idempotency/idempotent.ts";
import { openapi } from "../rest/meta.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { createHold, createHoldForCartToken } from "../services/booking/create-hold.ts";
import { releaseHold } from "../services/booking/end-hold.ts";
import { getHold } from "../services/booking/get-hold.ts";
import type { Context } from "../context.ts";
import { type TCreateHoldInput, ZCreateHoldInput, ZHoldIdInput, ZHoldOutput } from "../services/booking/hold-schemas.ts";
import { requestWaitingListOffers } from "../services/waiting-list/offer-triggers.ts";
import { requireCart, type TResolvedCart } from "../services/cart/resolve-cart.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { cartProcedure } from "./cart-procedure.ts";

// With an Idempotency-Key the cart is resolved first (the record is scoped and stored per cart);
// without one, the cart is read in the same round trip as the event (createHoldForCartToken).
const createIdempotent = idempotent("hold.create", ({ ctx, input, cart }: { ctx: Context; input: TCreateHoldInput; cart: TResolvedCart }) =>
  createHold(ctx, cart, ctx.request, input),
);

export const holdRouter = createTRPCRouter({
  create: publicProcedure
    .use(rateLimited("hold"))
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
    .mutation(async ({ ctx, input }) =>
      ctx.request.idempotencyKey
        ? createIdempotent({ ctx, input, cart: await requireCart(ctx, ctx.request.cartToken) })
        : createHoldForCartToken(ctx, ctx.request.cartToken, ctx.request, input),
    ),
  get: cartProcedure("poll")
    .meta(openapi({ method: "GET", path: "/holds/{holdId}", operationId: "getHold", summary: "A hold of this cart", tags: ["holds"], cartToken: "required" }))
    .input(ZHoldIdInput)
    .output(ZHoldOutput)
    .query(({ ctx, input }) => getHold(ctx, ctx.cart, input.holdId)),
  release: cartProcedure("hold")
    .meta(
      openapi({
        method: "DELETE",
        path: "/holds/{holdId}",
        operationId: "releaseHold",
        summary: "Release a hold early",
        tags: ["holds"],
        cartToken: "required",
      }),
    )
    .input(ZHoldIdInput)
    .output(ZHoldOutput)
    .mutation(async ({ ctx, input }) => {
      const hold = await releaseHold(ctx, ctx.cart, input.holdId);
      // Released stock goes to the event's waiting list first, if it has one.
      await requestWaitingListOffers(ctx, hold.eventId);
      return hold;
    }),
});
