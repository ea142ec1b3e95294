import { openapi } from "../rest/meta.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { listOrganizationEvents } from "../services/event/list-organization-events.ts";
import { cancelEvent } from "../services/organiser-event/cancel-event.ts";
import {
  ZCancelEventInput,
  ZCancelEventOutput,
  ZCreateEventInput,
  ZEventIdInput,
  ZEventListInput,
  ZOrganizerEvent,
  ZUpdateEventInput,
  ZWaitingRoomInput,
} from "../services/organiser-event/event-schemas.ts";
import { createEvent, duplicateEvent, setEventPublished, updateEvent } from "../services/organiser-event/event-writes.ts";
import { getOrganizerEvent, listEventPlaces } from "../services/organiser-event/get-organizer-event.ts";
import { setWaitingRoom } from "../services/organiser-event/waiting-room.ts";
import { organizationProcedure } from "../trpc.ts";

// The organiser's events (console and REST). Reads need event.view, writes event.manage; every id
// is checked to be the organisation's inside the service (another organisation's: NOT_FOUND).

const view = organizationProcedure("event.view");
const manage = organizationProcedure("event.manage");

/** Who acts, for the audit log, and in which organisation. */
export const scopeOf = (ctx: Parameters<typeof auditActorOf>[0] & { organization: { id: string } }) => ({
  organizationId: ctx.organization.id,
  actor: auditActorOf(ctx),
});

export const organiserEventProcedures = {
  listForOrganization: view.input(ZEventListInput).query(async ({ ctx, input }) => {
    const events = await listOrganizationEvents(ctx, ctx.organization.id);
    return input.status ? events.filter((event) => event.status === input.status) : events;
  }),
  // Not "get": the shop's router has a public event.get, and a path means one procedure in every app that has it.
  detail: view.input(ZEventIdInput).query(({ ctx, input }) => getOrganizerEvent(ctx, ctx.organization.id, input.eventId)),
  places: view.query(({ ctx }) => listEventPlaces(ctx, ctx.organization.id)),
  create: manage
    .meta(
      openapi({
        method: "POST",
        path: "/organization/events",
        operationId: "createEvent",
        summary: "Create a draft event",
        tags: ["organization"],
        successStatus: 201,
      }),
    )
    .input(ZCreateEventInput)
    .output(ZOrganizerEvent)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...settings } = input;
      return createEvent(ctx, scopeOf(ctx), settings);
    }),
  update: manage
    .meta(
      openapi({
        method: "PATCH",
        path: "/organization/events/{eventId}",
        operationId: "updateEvent",
        summary: "Change an event's settings",
        tags: ["organization"],
      }),
    )
    .input(ZUpdateEventInput)
    .output(ZOrganizerEvent)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...changes } = input;
      return updateEvent(ctx, scopeOf(ctx), changes);
    }),
  duplicate: manage
    .input(ZEventIdInput.extend({ slug: ZCreateEventInput.shape.slug.optional() }))
    .output(ZOrganizerEvent)
    .mutation(({ ctx, input }) => duplicateEvent(ctx, scopeOf(ctx), input)),
  publish: manage
    .meta(
      openapi({
        method: "POST",
        path: "/organization/events/{eventId}/publish",
        operationId: "publishEvent",
        summary: "Publish an event: on sale from its on-sale time",
        tags: ["organization"],
      }),
    )
    .input(ZEventIdInput)
    .output(ZOrganizerEvent)
    .mutation(({ ctx, input }) => setEventPublished(ctx, scopeOf(ctx), { eventId: input.eventId, published: true })),
  unpublish: manage
    .input(ZEventIdInput)
    .output(ZOrganizerEvent)
    .mutation(({ ctx, input }) => setEventPublished(ctx, scopeOf(ctx), { eventId: input.eventId, published: false })),
  cancel: manage
    .meta(
      openapi({
        method: "POST",
        path: "/organization/events/{eventId}/cancel",
        operationId: "cancelEvent",
        summary: "Cancel an event: every paid order is refunded and every buyer told",
        tags: ["organization"],
      }),
    )
    .input(ZCancelEventInput)
    .output(ZCancelEventOutput)
    .mutation(({ ctx, input }) => cancelEvent(ctx.db, scopeOf(ctx), input)),
  setWaitingRoom: manage
    .input(ZWaitingRoomInput)
    .output(ZOrganizerEvent)
    .mutation(({ ctx, input }) => setWaitingRoom(ctx, scopeOf(ctx), input)),
} as const;
