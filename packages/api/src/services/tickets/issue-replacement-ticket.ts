import { generateShortCode } from "@marquee/tickets";
import { signTicketCode } from "@marquee/tickets/sign";
import { uuidV7 } from "../../lib/uuid-v7.ts";
import { activeSigningKey, privateSigningKey } from "./signing-keys.ts";
import { ticketValidity } from "./ticket-validity.ts";
import type { TTicketDeps, TTx } from "./types.ts";

const SHORT_CODE_ATTEMPTS = 5;

export interface TReplacedTicket {
  id: string;
  eventId: string;
  orderId: string;
  orderLineId: string;
  ticketTypeId: string;
  seatId: string | null;
}

/**
 * A new ticket for the same admission (same order line, type and seat) with a new id, so a new
 * signed code and short code, signed with the event's ACTIVE key: what a transfer gives its
 * recipient. Inside the caller's transaction; the caller retires the old ticket in it too.
 */
export async function issueReplacementTicket(
  deps: Pick<TTicketDeps, "clock" | "ticketKeySecret" | "newShortCode">,
  tx: TTx,
  old: TReplacedTicket,
  holder: { name: string; email: string | null },
): Promise<{ id: string; shortCode: string; signedCode: string }> {
  const event = await tx.event.findUniqueOrThrow({ where: { id: old.eventId }, select: { startsAt: true, endsAt: true, doorsAt: true } });
  const key = await activeSigningKey(tx, old.eventId);
  const issuedAt = deps.clock.now();
  const id = uuidV7(issuedAt.getTime());
  const claims = {
    ticketId: id,
    eventId: old.eventId,
    ticketTypeId: old.ticketTypeId,
    seatId: old.seatId,
    ...ticketValidity(event),
    keyId: key.keyId,
    issuedAt,
  };
  const signedCode = signTicketCode(claims, privateSigningKey(key, deps.ticketKeySecret));
  const newShortCode = deps.newShortCode ?? (() => generateShortCode());
  // ON CONFLICT DO NOTHING keeps the transaction usable when a short code collides: draw again.
  for (let attempt = 0; attempt < SHORT_CODE_ATTEMPTS; attempt++) {
    const shortCode = newShortCode();
    const inserted = await tx.ticket.createManyAndReturn({
      data: [
        {
          id,
          eventId: old.eventId,
          orderId: old.orderId,
          orderLineId: old.orderLineId,
          ticketTypeId: old.ticketTypeId,
          seatId: old.seatId,
          signingKeyId: key.id,
          signedCode,
          shortCode,
          holderName: holder.name,
          holderEmail: holder.email,
          issuedAt,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (inserted.length === 1) return { id, shortCode, signedCode };
  }
  throw new Error(`Could not find a free short code for the replacement of ticket ${old.id}`);
}
