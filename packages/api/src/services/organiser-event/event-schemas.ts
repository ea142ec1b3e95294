import { z } from "zod";
import { ZContentTranslations } from "../content/resolve-content.ts";
import { MAX_IMAGE_ALT_LENGTH } from "../event-image/event-image-files.ts";

// Inputs and outputs of the organiser's event procedures (console and REST). Dates are coerced so
// REST bodies may send RFC 3339 strings; every string and number is bounded.

const ZDate = z.coerce.date();
const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens");
const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "an IANA time zone such as Europe/Berlin");
const ZLanguage = z.enum(["en", "de"]);
const ZImageAlt = z.string().trim().max(MAX_IMAGE_ALT_LENGTH);

/** What an organiser sets on an event (all of it on create; any of it on update). */
export const ZEventSettings = z.object({
  name: z.string().trim().min(1).max(200),
  slug: ZSlug,
  venueId: z.uuid(),
  /** A seat map of the organisation: reserved seating; null: general admission. */
  seatMapId: z.uuid().nullable(),
  description: z.string().max(20_000),
  defaultLanguage: ZLanguage,
  venueNotes: z.string().max(2_000),
  /** Other languages' texts: { "de": { name, description, venueNotes, imageAlt } }, each bounded like its base column. */
  translations: ZContentTranslations,
  /** The image's alternative text in defaultLanguage; the image itself is uploaded apart (required while one is set). */
  imageAlt: ZImageAlt,
  timezone: ZTimeZone,
  startsAt: ZDate,
  endsAt: ZDate,
  doorsAt: ZDate.nullable(),
  onSaleAt: ZDate,
  offSaleAt: ZDate.nullable(),
  holdTtlSeconds: z.number().int().min(60).max(3_600),
  maxPerOrder: z.number().int().min(1).max(100),
  maxPerBuyer: z.number().int().min(1).max(1_000).nullable(),
  ticketChangesEnabled: z.boolean(),
  ticketChangesCutoffHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  refundRequestsEnabled: z.boolean(),
  refundRequestCutoffDays: z.number().int().min(0).max(365),
});
export type TEventSettings = z.infer<typeof ZEventSettings>;

/** Defaults of the optional settings on create. */
export const EVENT_DEFAULTS = {
  seatMapId: null,
  description: "",
  defaultLanguage: "en",
  venueNotes: "",
  translations: {},
  imageAlt: "",
  timezone: "Europe/Berlin",
  doorsAt: null,
  offSaleAt: null,
  holdTtlSeconds: 600,
  maxPerOrder: 10,
  maxPerBuyer: null,
  ticketChangesEnabled: true,
  ticketChangesCutoffHours: 24,
  refundRequestsEnabled: false,
  refundRequestCutoffDays: 7,
} as const satisfies Partial<TEventSettings>;

export const ZCreateEventInput = ZEventSettings.partial({
  seatMapId: true,
  description: true,
  defaultLanguage: true,
  venueNotes: true,
  translations: true,
  imageAlt: true,
  timezone: true,
  doorsAt: true,
  offSaleAt: true,
  holdTtlSeconds: true,
  maxPerOrder: true,
  maxPerBuyer: true,
  ticketChangesEnabled: true,
  ticketChangesCutoffHours: true,
  refundRequestsEnabled: true,
  refundRequestCutoffDays: true,
});
export type TCreateEventInput = z.infer<typeof ZCreateEventInput>;

export const ZUpdateEventInput = ZEventSettings.partial().extend({ eventId: z.uuid() });
export type TUpdateEventInput = z.infer<typeof ZUpdateEventInput>;

export const ZEventIdInput = z.object({ eventId: z.uuid() });

export const ZCancelEventInput = z.object({ eventId: z.uuid(), reason: z.string().trim().min(1).max(1_000) });

export const ZWaitingRoomInput = z.object({
  eventId: z.uuid(),
  enabled: z.boolean(),
  /** When the pre-queue opens (before onSaleAt); null: at the sale's start. */
  opensAt: ZDate.nullable(),
  /** Admit up to (stock - live holds) x this percentage at a time. */
  overbookPct: z.number().int().min(100).max(300),
  /** Outflow cap per minute; null: as fast as the stock allows. */
  admitPerMinute: z.number().int().min(1).max(100_000).nullable(),
  admissionTtlSeconds: z.number().int().min(60).max(3_600),
});
export type TWaitingRoomInput = z.infer<typeof ZWaitingRoomInput>;

const ZEventStatus = z.enum(["DRAFT", "PUBLISHED", "CANCELLED", "ARCHIVED"]);

/** The answer of create/update/publish/cancel (REST documents it). */
export const ZOrganizerEvent = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status: ZEventStatus,
  seatingMode: z.enum(["GENERAL_ADMISSION", "RESERVED"]),
  venueId: z.uuid(),
  seatMapId: z.uuid().nullable(),
  currency: z.string(),
  timezone: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  doorsAt: z.date().nullable(),
  onSaleAt: z.date(),
  offSaleAt: z.date().nullable(),
  holdTtlSeconds: z.number().int(),
  maxPerOrder: z.number().int(),
  maxPerBuyer: z.number().int().nullable(),
  waitingRoomEnabled: z.boolean(),
  cancelledAt: z.date().nullable(),
});
export type TOrganizerEvent = z.infer<typeof ZOrganizerEvent>;

export const ZCancellationProgress = z.object({
  /** Paid orders (before the cancellation) in all. */
  orders: z.number().int(),
  refunded: z.number().int(),
  /** Refund asked of Stripe, not yet confirmed. */
  pending: z.number().int(),
  /** Paid orders the cancellation job has not reached yet. */
  waiting: z.number().int(),
  /**
   * Of the orders, those sold at the box office (cash or card terminal): their refunds are recorded
   * without Stripe, so the organiser hands that money back in person.
   */
  paidAtDoor: z.number().int(),
});

export const ZCancelEventOutput = ZOrganizerEvent.extend({ progress: ZCancellationProgress });

export const ZEventListInput = z.object({ status: ZEventStatus.optional() });
