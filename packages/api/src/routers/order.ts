import { idempotent } from "../idempotency/idempotent.ts";
import { openapi } from "../rest/meta.ts";
import { checkout } from "../services/checkout/checkout.ts";
import { ZCheckoutInput, ZCheckoutOutput, ZHoldIdQuoteInput, ZHoldQuoteOutput, ZOrderIdInput, ZOrderOutput } from "../services/checkout/checkout-schemas.ts";
import { getOrder } from "../services/checkout/get-order.ts";
import { quoteHold } from "../services/checkout/quote-hold.ts";
import { getLinkedOrder } from "../services/order-access/get-linked-order.ts";
import { ZRequestOrderLinkInput, ZRequestOrderLinkOutput } from "../services/order-access/order-access-schemas.ts";
import { requestOrderLink } from "../services/order-access/request-order-link.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { cartProcedure } from "./cart-procedure.ts";

/** The buyer's side of orders (the shop), acting for the cart named by X-Cart-Token. */
export const orderRouter = createTRPCRouter({
  checkout: cartProcedure("hold")
    .meta(
      openapi({
        method: "POST",
        path: "/holds/{holdId}/checkout",
        operationId: "checkout",
        summary: "A pending order for the hold and its Stripe PaymentIntent (manual capture) to confirm",
        tags: ["orders"],
        cartToken: "required",
        idempotencyKey: true,
        successStatus: 201,
      }),
    )
    .input(ZCheckoutInput)
    .output(ZCheckoutOutput)
    .mutation(idempotent("order.checkout", ({ ctx, input }) => checkout(ctx, ctx.cart, input))),
  /** The checkout page's summary: the hold's lines with names, seats and today's prices (no voucher). */
  quote: cartProcedure("poll")
    .meta(
      openapi({
        method: "GET",
        path: "/holds/{holdId}/quote",
        operationId: "quoteHold",
        summary: "What checking out this hold would cost now",
        tags: ["orders"],
        cartToken: "required",
      }),
    )
    .input(ZHoldIdQuoteInput)
    .output(ZHoldQuoteOutput)
    .query(({ ctx, input }) => quoteHold(ctx, ctx.cart, input.holdId, input.locale)),
  get: cartProcedure("poll")
    .meta(
      openapi({
        method: "GET",
        path: "/orders/{orderId}",
        operationId: "getOrder",
        summary: "An order of this cart, with its payment",
        tags: ["orders"],
        cartToken: "required",
      }),
    )
    .input(ZOrderIdInput)
    .output(ZOrderOutput)
    .query(({ ctx, input }) => getOrder(ctx, ctx.cart, input.orderId, ctx.session?.id ?? null, input.locale)),
  /** The order an e-mailed link opens on any device: no session, no cart, the link's token in X-Order-Token. */
  byLink: publicProcedure
    .use(rateLimited("poll"))
    .input(ZOrderIdInput)
    .output(ZOrderOutput)
    .query(({ ctx, input }) => getLinkedOrder(ctx, input.orderId, ctx.request.orderToken, input.locale)),
  /** "Find my order": e-mails the order's link if the reference and address match; the same answer either way. */
  requestLink: publicProcedure
    .use(rateLimited("order.link", { perIp: 10, windowSeconds: 10 * 60 }))
    .meta(
      openapi({
        method: "POST",
        path: "/order-links",
        operationId: "requestOrderLink",
        summary: "E-mail the link to an order to its buyer, if the order reference and e-mail match (the answer never tells)",
        tags: ["orders"],
        successStatus: 202,
      }),
    )
    .input(ZRequestOrderLinkInput)
    .output(ZRequestOrderLinkOutput)
    .mutation(({ ctx, input }) => requestOrderLink(ctx, input)),
});

export { organiserOrderRouter } from "./organiser-order.ts";
