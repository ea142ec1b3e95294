import { z } from "zod";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "@marquee/documents/locale";

export const ZJoinQueueInput = z.object({
  eventId: z.uuid(),
  /** Optional: e-mailed when it is the buyer's turn (so they may close the page). */
  notifyEmail: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase())
    .optional(),
  locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
});
export type TJoinQueueInput = z.infer<typeof ZJoinQueueInput>;

export const ZQueueTicketInput = z.object({ queueTicketId: z.uuid() });

export const ZQueueStatus = z.object({
  queueTicketId: z.uuid(),
  eventId: z.uuid(),
  /** WAITING in line; ADMITTED: hold now with admissionToken; USED: the token bought a hold; EXPIRED: the admission lapsed (join again); CLOSED: sold out. */
  status: z.enum(["WAITING", "ADMITTED", "USED", "EXPIRED", "CLOSED"]),
  /** Waiting before the on-sale: the order among early arrivals is drawn at random when it starts. */
  preQueue: z.boolean(),
  /** 1 = next in line; null before the on-sale and when not waiting. */
  position: z.number().int().positive().nullable(),
  /** Everyone still waiting (for a progress bar). */
  waiting: z.number().int().nonnegative(),
  /** Seconds until admission at the recent admission rate (until the on-sale in the pre-queue); null when unknown. */
  etaSeconds: z.number().int().nonnegative().nullable(),
  onSaleAt: z.date(),
  /** Send as X-Admission-Token with one createHold; single use, bound to this cart. */
  admissionToken: z.string().nullable(),
  admissionExpiresAt: z.date().nullable(),
  /** Private channel with `position`, `admitted` and `closed` events (auth: POST /api/v1/realtime/auth). */
  channel: z.string(),
});
export type TQueueStatus = z.infer<typeof ZQueueStatus>;

export const ZChannelAuthInput = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, "not a socket id"),
  channel_name: z.string().max(200),
});
export const ZChannelAuthOutput = z.object({ auth: z.string() });
