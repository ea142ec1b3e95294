import type { Db } from "@marquee/db";
import { z } from "zod";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { cartMayReadOrder, type TResolvedCart } from "../cart/resolve-cart.ts";
import { checkOrderAccessToken } from "../order-access/order-link.ts";
import { googleSaveLink } from "./google-wallet.ts";
import type { TWalletSettings } from "./env.ts";
import { loadWalletTicket } from "./wallet-ticket.ts";
import { WALLET_LINK_TTL_MS, walletPassLink } from "./wallet-tokens.ts";

export const ZTicketIdInput = z.object({ ticketId: z.uuid() });

export const ZWalletLinksOutput = z.object({
  ticketId: z.uuid(),
  /** Signed, expiring path of the ticket's .pkpass on the web origin. */
  applePass: z.string(),
  /** https://pay.google.com/gp/v/save/<JWT>. */
  googleSave: z.string(),
  expiresAt: z.date(),
  /** True while the development certificate or key signs them: Wallet and Google will refuse them. */
  development: z.boolean(),
});
export type TWalletLinksOutput = z.infer<typeof ZWalletLinksOutput>;

/**
 * "Add to Apple Wallet" and "Save to Google Wallet" links for one ticket, given only to whoever
 * may read its order (the order's cart, or the signed-in account that placed it: cartMayReadOrder,
 * or whoever opened the order with its e-mailed link: `orderToken`); anyone else gets NOT_FOUND. A ticket that is no longer valid gets none (CONFLICT).
 */
export async function ticketWalletLinks(
  deps: { db: Db; clock: Clock; settings: TWalletSettings },
  access: { cart: TResolvedCart | null; sessionUserId: string | null; orderToken?: string | null },
  ticketId: string,
): Promise<TWalletLinksOutput> {
  const ticket = await loadWalletTicket(deps.db, ticketId).catch(() => null);
  const mayRead = (found: NonNullable<typeof ticket>) =>
    cartMayReadOrder(access.cart, access.sessionUserId, found.order) ||
    (access.orderToken ? checkOrderAccessToken(access.orderToken, { id: found.orderId, buyerEmail: found.order.buyerEmail }, deps.clock.now()).ok : false);
  if (!ticket || !mayRead(ticket)) throw new AppError("NOT_FOUND", "Ticket not found.");
  if (!ticket.valid) throw new AppError("CONFLICT", "This ticket is no longer valid, so it cannot be added to a wallet.");
  const expiresAt = new Date(deps.clock.now().getTime() + WALLET_LINK_TTL_MS);
  return {
    ticketId: ticket.id,
    applePass: walletPassLink(ticket.id, expiresAt),
    googleSave: await googleSaveLink(deps.settings.google, ticket, [deps.settings.webUrl]),
    expiresAt,
    development: deps.settings.apple.development || deps.settings.google.development,
  };
}
