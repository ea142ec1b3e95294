import { z } from "zod";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { openapi } from "../rest/meta.ts";
import { claimWaitingListOffer, declineWaitingListOffer, getWaitingListOffer } from "../services/waiting-list/claim-offer.ts";
import { joinWaitingList, leaveWaitingList } from "../services/waiting-list/join-waiting-list.ts";
import {
  ZClaimOfferOutput,
  ZJoinWaitingListInput,
  ZLeaveWaitingListInput,
  ZOfferTokenInput,
  ZWaitingListEntryOutput,
  ZWaitingListOfferOutput,
} from "../services/waiting-list/waiting-list-schemas.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { cartProcedure } from "./cart-procedure.ts";

/** The buyer side of an event's waiting list (services/waiting-list). Mounted as `waitingList` on the shop's router. */
export const waitingListRouter = createTRPCRouter({
  join: cartProcedure("join")
    .meta(
      openapi({
        method: "POST",
        path: "/events/{eventId}/waiting-list",
        operationId: "joinWaitingList",
        summary: "Join a sold-out ticket type's waiting list (one entry per address and event; again answers the existing entry and its place)",
        tags: ["waiting-list"],
        cartToken: "required",
      }),
    )
    .input(ZJoinWaitingListInput)
    .output(ZWaitingListEntryOutput)
    .mutation(({ ctx, input }) => joinWaitingList(ctx, ctx.cart, input)),
  /** A signed-in buyer leaves an event's list. */
  leave: cartProcedure("join")
    .input(ZLeaveWaitingListInput)
    .output(z.object({ left: z.boolean() }))
    .mutation(({ ctx, input }) => leaveWaitingList(ctx, ctx.cart, input)),
  /** The offer page: what the link offers and until when (410 OFFER_INVALID once used or expired). */
  offer: publicProcedure
    .use(rateLimited("poll"))
    .input(ZOfferTokenInput.extend({ locale: z.enum(["en", "de"]).default("en") }))
    .output(ZWaitingListOfferOutput)
    .query(({ ctx, input }) => getWaitingListOffer(ctx, input.token, input.locale)),
  /** "Get my tickets": a hold for this cart that nobody else can take. */
  claim: cartProcedure("hold")
    .input(ZOfferTokenInput)
    .output(ZClaimOfferOutput)
    .mutation(({ ctx, input }) => claimWaitingListOffer(ctx, ctx.cart, input.token)),
  /** "No thanks": the tickets pass to the next person. */
  decline: publicProcedure
    .use(rateLimited("poll"))
    .input(ZOfferTokenInput)
    .output(z.object({ declined: z.literal(true) }))
    .mutation(({ ctx, input }) => declineWaitingListOffer(ctx, input.token)),
});
