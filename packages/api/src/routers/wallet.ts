import { rateLimited } from "../rate-limit/rate-limited.ts";
import { resolveCart } from "../services/cart/resolve-cart.ts";
import { walletSettings } from "../services/wallet/env.ts";
import { ticketWalletLinks, ZTicketIdInput, ZWalletLinksOutput } from "../services/wallet/wallet-links.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";

/** Wallet passes for the buyer's tickets (the shop). */
export const walletRouter = createTRPCRouter({
  /** A ticket's "Add to Apple Wallet" and "Save to Google Wallet" links: for the order's cart, its signed-in owner, or the order's e-mailed link (X-Order-Token) only. */
  links: publicProcedure
    .use(rateLimited("poll"))
    .input(ZTicketIdInput)
    .output(ZWalletLinksOutput)
    .query(async ({ ctx, input }) =>
      ticketWalletLinks(
        { db: ctx.db, clock: ctx.clock, settings: walletSettings() },
        { cart: await resolveCart(ctx, ctx.request.cartToken), sessionUserId: ctx.session?.id ?? null, orderToken: ctx.request.orderToken },
        input.ticketId,
      ),
    ),
});
