import { openapi } from "../rest/meta.ts";
import {
  ZCreateTicketTypeInput,
  ZOrganizerTicketType,
  ZSetPriceTiersInput,
  ZTicketTypeIdInput,
  ZUpdateTicketTypeInput,
} from "../services/organiser-event/ticket-type-schemas.ts";
import { createTicketType, listTicketTypes, setPriceTiers, setTicketTypeActive, updateTicketType } from "../services/organiser-event/ticket-types.ts";
import { ZEventIdInput } from "../services/organiser-event/event-schemas.ts";
import { requestWaitingListOffers } from "../services/waiting-list/offer-triggers.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import { scopeOf } from "./organiser-event.ts";

const view = organizationProcedure("event.view");
const manage = organizationProcedure("event.manage");

/** Ticket types and their price tiers; stock changes reach Redis in the same request. Mounted as `ticketType`. */
export const organiserTicketTypeRouter = createTRPCRouter({
  list: view.input(ZEventIdInput).query(({ ctx, input }) => listTicketTypes(ctx, ctx.organization.id, input.eventId)),
  create: manage
    .meta(
      openapi({
        method: "POST",
        path: "/organization/events/{eventId}/ticket-types",
        operationId: "createTicketType",
        summary: "Add a ticket type with its regular price",
        tags: ["organization"],
        successStatus: 201,
      }),
    )
    .input(ZCreateTicketTypeInput)
    .output(ZOrganizerTicketType)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...fields } = input;
      return createTicketType(ctx, scopeOf(ctx), fields);
    }),
  update: manage
    .input(ZUpdateTicketTypeInput)
    .output(ZOrganizerTicketType)
    .mutation(async ({ ctx, input }) => {
      const { organizationId: _organizationId, ...changes } = input;
      const updated = await updateTicketType(ctx, scopeOf(ctx), changes);
      // More capacity goes to the event's waiting list first, if it has one.
      if (changes.capacity !== undefined) await requestWaitingListOffers(ctx, updated.eventId);
      return updated;
    }),
  archive: manage
    .input(ZTicketTypeIdInput)
    .output(ZOrganizerTicketType)
    .mutation(({ ctx, input }) => setTicketTypeActive(ctx, scopeOf(ctx), { ticketTypeId: input.ticketTypeId, active: false })),
  restore: manage
    .input(ZTicketTypeIdInput)
    .output(ZOrganizerTicketType)
    .mutation(({ ctx, input }) => setTicketTypeActive(ctx, scopeOf(ctx), { ticketTypeId: input.ticketTypeId, active: true })),
  setPriceTiers: manage
    .input(ZSetPriceTiersInput)
    .output(ZOrganizerTicketType)
    .mutation(({ ctx, input }) => setPriceTiers(ctx, scopeOf(ctx), input)),
});
