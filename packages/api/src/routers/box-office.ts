import { idempotent } from "../idempotency/idempotent.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { ZBoxOfficeEventsOutput, ZBoxOfficeSaleOutput, ZBoxOfficeSellInput } from "../services/box-office/box-office-schemas.ts";
import { listBoxOfficeEvents } from "../services/box-office/list-box-office-events.ts";
import { sellAtBoxOffice } from "../services/box-office/sell-at-box-office.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

/** Selling at the door (the console's box office page), mounted as `boxOffice` there. */
export const boxOfficeRouter = createTRPCRouter({
  /** The events the box office can sell (published, not ended, soonest first) with prices and stock left. */
  events: organizationProcedure("boxoffice.sell")
    .output(ZBoxOfficeEventsOutput)
    .query(({ ctx }) => listBoxOfficeEvents(ctx, ctx.organization.id)),
  /** One sale paid in cash or at a card terminal: a PAID order at once; honours Idempotency-Key (a double click sells once). */
  sell: organizationProcedure("boxoffice.sell")
    .input(ZBoxOfficeSellInput)
    .output(ZBoxOfficeSaleOutput)
    .mutation(idempotent("boxOffice.sell", ({ ctx, input }) => sellAtBoxOffice(ctx, { organizationId: ctx.organization.id, actor: auditActorOf(ctx), input }))),
});
