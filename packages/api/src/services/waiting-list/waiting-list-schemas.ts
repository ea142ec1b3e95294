import { z } from "zod";

export const ZWaitingListStatus = z.enum(["WAITING", "OFFERED", "PURCHASED", "EXPIRED", "REMOVED"]);
export type TWaitingListStatus = z.infer<typeof ZWaitingListStatus>;

/** The offer link's token: 32 random bytes, base64url. */
export const ZOfferToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not an offer token");

export const ZJoinWaitingListInput = z.strictObject({
  eventId: z.uuid(),
  ticketTypeId: z.uuid(),
  /** Required unless signed in (then the account's address is used when absent). */
  email: z.email().max(320).optional(),
  name: z.string().trim().max(200).optional(),
  quantity: z.number().int().min(1).max(10),
  locale: z.enum(["en", "de"]).optional(),
});
export type TJoinWaitingListInput = z.infer<typeof ZJoinWaitingListInput>;

export const ZWaitingListEntryOutput = z.object({
  entryId: z.uuid(),
  eventId: z.uuid(),
  ticketTypeId: z.uuid(),
  status: ZWaitingListStatus,
  quantity: z.number().int(),
  /** Place in line among the type's entries still WAITING or OFFERED (1 = next); null once the entry has left the line. */
  place: z.number().int().nullable(),
  /** False when the address was already on this event's list (the existing entry is answered). */
  created: z.boolean(),
});
export type TWaitingListEntryOutput = z.infer<typeof ZWaitingListEntryOutput>;

export const ZLeaveWaitingListInput = z.strictObject({ eventId: z.uuid() });

export const ZOfferTokenInput = z.strictObject({ token: ZOfferToken });

export const ZWaitingListOfferOutput = z.object({
  eventId: z.uuid(),
  eventSlug: z.string(),
  eventName: z.string(),
  ticketTypeId: z.uuid(),
  ticketTypeName: z.string(),
  quantity: z.number().int(),
  offerExpiresAt: z.date(),
});

export const ZClaimOfferOutput = z.object({ holdId: z.uuid(), eventId: z.uuid(), expiresAt: z.date(), quantity: z.number().int() });
