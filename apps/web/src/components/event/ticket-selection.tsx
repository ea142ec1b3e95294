"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { GaTicketList } from "~/components/event/ga-ticket-list.tsx";
import { QueueAdmissionNotice } from "~/components/event/queue-admission-notice.tsx";
import { saleWindow } from "~/components/event/sale-window.ts";
import { useLiveAvailability } from "~/components/event/use-live-availability.ts";
import { useNow } from "~/components/event/use-now.ts";
import { useQueueAdmission } from "~/components/event/use-queue-admission.ts";
import { SeatPicker } from "~/components/seat-map/seat-picker.tsx";
import { useI18n } from "~/i18n/provider.tsx";

/**
 * The buying part of the event page: sale state, live availability, then the ticket list with
 * steppers (general admission) or the seat map (reserved), and Continue, or the waiting room's
 * "Join the queue" while the buyer has no admission.
 */
export function TicketSelection({ slug }: { slug: string }) {
  const { m, format, locale } = useI18n();
  const trpc = useTRPC();
  const eventQuery = useQuery(trpc.event.get.queryOptions({ idOrSlug: slug, locale }));
  const event = eventQuery.data;
  if (!event) return eventQuery.isError ? <p className="alert">{m.event.notFoundText}</p> : <p className="muted">{m.event.loadingEvent}</p>;
  return <Selection event={event} m={m} format={format} />;
}

type TEvent = RouterOutputs["event"]["get"];

function Selection({ event, m, format }: { event: TEvent } & Pick<ReturnType<typeof useI18n>, "m" | "format">) {
  const now = useNow();
  const availability = useLiveAvailability(event.id);
  const queue = useQueueAdmission(event);
  const sale = saleWindow(event.onSaleAt, event.offSaleAt && event.offSaleAt < event.endsAt ? event.offSaleAt : event.endsAt, now);
  const canBuy = sale === "on-sale" && !queue.needsQueue;
  const queueState = { ...queue, needsQueue: queue.needsQueue && sale !== "ended" };
  const gaTypes = event.seatingMode === "GENERAL_ADMISSION" ? event.ticketTypes : [];
  const soldOut = availability.status === "success" && gaTypes.length > 0 && gaTypes.every((type) => (availability.counts.get(type.id) ?? 0) === 0);

  return (
    <section className="ticket-selection" aria-labelledby="tickets-heading" id="tickets">
      <h2 id="tickets-heading">{event.seatingMode === "RESERVED" ? m.event.seatMapHeading : m.event.tickets}</h2>
      {sale === "ended" ? (
        <div className="notice" role="status">
          <p>
            <strong>{m.event.salesEnded}</strong>
          </p>
          <p>{m.event.salesEndedText}</p>
        </div>
      ) : null}
      {sale === "soon" ? (
        <p className="notice" role="status">
          <strong>{m.event.saleOpens(format.eventDate(event.onSaleAt, event.timezone))}</strong>
        </p>
      ) : null}
      {soldOut && sale === "on-sale" ? (
        <div className="notice" role="status">
          <p>
            <strong>{m.event.soldOut}</strong>
          </p>
          <p>{m.event.soldOutText}</p>
        </div>
      ) : null}
      {sale !== "ended" ? <QueueAdmissionNotice queue={queue} slug={event.slug} /> : null}
      {availability.status === "error" ? (
        <div className="alert" role="alert">
          <p>{m.event.availabilityFailed}</p>
          <button type="button" className="button" onClick={availability.refetch}>
            {m.common.tryAgain}
          </button>
        </div>
      ) : null}
      <p className="muted small">{m.event.perOrder(event.maxPerOrder)}</p>
      {event.seatingMode === "RESERVED" ? (
        <SeatPicker event={event} availability={availability} queue={queueState} canBuy={canBuy} />
      ) : (
        <GaTicketList event={event} availability={availability} queue={queueState} canBuy={canBuy} now={now} />
      )}
    </section>
  );
}
