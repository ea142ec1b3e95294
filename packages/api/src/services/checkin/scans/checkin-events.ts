import { z } from "zod";
import { ZSyncScan } from "../checkin-schemas.ts";
import { checkinChannelName } from "../checkin-channel.ts";

// The outbox payloads of door check-in (services/outbox/topics.ts routes them to the event's
// check-in channel). Schemas only, so the topic registry imports nothing that writes.

/** checkin.scan-recorded: a counted scan, an annulment or a flipped admission, as TSyncScan (dates as ISO text in the row). */
export const ZScanRecordedEvent = ZSyncScan.extend({ scannedAt: z.coerce.date() });

/** checkin.ticket-changed: a ticket refunded, cancelled, transferred or reissued. */
export const ZTicketChangedEvent = z.object({ id: z.uuid(), eventId: z.uuid(), status: z.enum(["VALID", "REVOKED", "TRANSFERRED"]) });
export type TTicketChangedEvent = z.infer<typeof ZTicketChangedEvent>;

/** The relay's channel for either payload: the event's check-in channel. */
export const checkinEventChannel = (payload: { eventId: string }): string => checkinChannelName(payload.eventId);
