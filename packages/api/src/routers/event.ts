import { z } from "zod";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { openapi } from "../rest/meta.ts";
import { ZGetEventInput, getPublicEvent } from "../services/event/get-event.ts";
import { ZListPublicEventsInput, listPublicEvents } from "../services/event/list-public-events.ts";
import { getSeatMap } from "../services/event/get-seat-map.ts";
import { ZSeatMapInput, ZSeatMapOutput } from "../services/event/seat-map-schemas.ts";
import { ZEventImage } from "../services/event-image/event-image-output.ts";
import { ZBestSeatsInput, ZBestSeatsOutput, suggestBestSeats } from "../services/event/suggest-best-seats.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { organiserEventProcedures } from "./organiser-event.ts";

// Output shapes of the public reads: they document the REST API (OpenAPI) and keep fields from
// leaking into it by accident.
const ZSaleState = z.enum(["on-sale", "soon", "ended"]);
const ZSeatingMode = z.enum(["GENERAL_ADMISSION", "RESERVED"]);

export const ZPublicEventSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  /** Organiser-written text comes in the requested `locale`, else the event's default language. */
  name: z.string(),
  /** null: the site draws placeholder art. */
  image: ZEventImage.nullable(),
  startsAt: z.date(),
  venue: z.object({ name: z.string(), city: z.string() }),
  seatingMode: ZSeatingMode,
  waitingRoomEnabled: z.boolean(),
  saleState: ZSaleState,
  onSaleAt: z.date(),
  currency: z.string(),
  minPriceMinor: z.number().int().nullable(),
  /** Every ticket sold (held ones may still come back). */
  soldOut: z.boolean(),
});

export const ZPublicEvent = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  /** The language the description is in: the requested one, or the default one when it is not given there. */
  descriptionLanguage: z.string(),
  defaultLanguage: z.string(),
  /** Organiser notes about the venue for this event (entrances, access), possibly empty. */
  venueNotes: z.string(),
  image: ZEventImage.nullable(),
  /** The image's largest size (kept for older clients; `image` has the sizes). */
  imageUrl: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  doorsAt: z.date().nullable(),
  onSaleAt: z.date(),
  offSaleAt: z.date().nullable(),
  timezone: z.string(),
  currency: z.string(),
  seatingMode: ZSeatingMode,
  saleState: ZSaleState,
  waitingRoomEnabled: z.boolean(),
  /** Sold-out general-admission types offer "Join the waiting list" (waitingList.join). */
  waitingListEnabled: z.boolean(),
  holdTtlSeconds: z.number().int(),
  maxPerOrder: z.number().int(),
  maxPerBuyer: z.number().int().nullable(),
  venue: z.object({ name: z.string(), city: z.string(), country: z.string(), address: z.string().nullable() }),
  ticketTypes: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      description: z.string(),
      capacity: z.number().int().nullable(),
      minPerOrder: z.number().int(),
      maxPerOrder: z.number().int().nullable(),
      salesStartAt: z.date().nullable(),
      salesEndAt: z.date().nullable(),
      currentPriceId: z.uuid().nullable(),
      demandPrice: z.object({ priceMinor: z.number().int(), version: z.number().int() }).nullable(),
      prices: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          priceMinor: z.number().int(),
          currency: z.string(),
          validFrom: z.date().nullable(),
          validUntil: z.date().nullable(),
        }),
      ),
    }),
  ),
});

// Public reads are polled: generous per-IP and per-cart limits (RATE_LIMIT_POLL_*).
const pollProcedure = publicProcedure.use(rateLimited("poll"));

/** Published events as anyone sees them (the shop and the REST API). */
export const eventRouter = createTRPCRouter({
  list: pollProcedure
    .meta(openapi({ method: "GET", path: "/events", operationId: "listEvents", summary: "Published, upcoming events, soonest first", tags: ["events"] }))
    .input(ZListPublicEventsInput.optional())
    .output(z.array(ZPublicEventSummary))
    // Catalogue reads go to the read replica; a few ms of replication lag is harmless here.
    .query(({ ctx, input }) => listPublicEvents({ db: ctx.dbRead, clock: ctx.clock }, input)),
  get: pollProcedure
    .meta(
      openapi({
        method: "GET",
        path: "/events/{idOrSlug}",
        operationId: "getEvent",
        summary: "A published event with venue, ticket types, prices and limits",
        tags: ["events"],
      }),
    )
    .input(ZGetEventInput)
    .output(ZPublicEvent)
    .query(({ ctx, input }) => getPublicEvent({ db: ctx.dbRead, clock: ctx.clock }, input)),
  seatMap: pollProcedure
    .meta(
      openapi({
        method: "GET",
        path: "/events/{eventId}/seat-map",
        operationId: "getSeatMap",
        summary: "A reserved-seating event's map: sections, price zones with prices, seats",
        tags: ["events"],
      }),
    )
    .input(ZSeatMapInput)
    .output(ZSeatMapOutput)
    .query(({ ctx, input }) => getSeatMap(ctx, input)),
  // Reads the whole map and the live inventory: a tighter limit than the plain polls.
  bestSeats: publicProcedure
    .use(rateLimited("best-seats", { perIp: 120, perCart: 30 }))
    .meta(
      openapi({
        method: "GET",
        path: "/events/{eventId}/best-seats",
        operationId: "getBestSeats",
        summary: "Suggested free seats of one price zone: adjacent in one row near the stage, else the nearest",
        tags: ["events"],
      }),
    )
    .input(ZBestSeatsInput)
    .output(ZBestSeatsOutput)
    .query(({ ctx, input }) => suggestBestSeats(ctx, input)),
});

/** An organisation's events, drafts included (the console), mounted as `event` there. */
export const organiserEventRouter = createTRPCRouter(organiserEventProcedures);
