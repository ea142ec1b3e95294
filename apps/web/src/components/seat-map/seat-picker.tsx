"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ContinueBar } from "~/components/event/continue-bar.tsx";
import { useHoldCheckout } from "~/components/event/use-hold-checkout.ts";
import type { TLiveAvailability } from "~/components/event/use-live-availability.ts";
import type { TQueueAdmission } from "~/components/event/use-queue-admission.ts";
import { BestAvailable } from "~/components/seat-map/best-available.tsx";
import { SeatLegend } from "~/components/seat-map/seat-legend.tsx";
import { SeatMap } from "~/components/seat-map/seat-map.tsx";
import { fitMapToContent } from "~/components/seat-map/seat-map-geometry.ts";
import { type TMapSeat, seatLook, zoneOffers } from "~/components/seat-map/seat-model.ts";
import { SelectedSeats } from "~/components/seat-map/selected-seats.tsx";
import { useI18n } from "~/i18n/provider.tsx";

type TEvent = RouterOutputs["event"]["get"];

/**
 * Reserved seating: the map, the legend, the buyer's seats and Continue. Seats someone else takes
 * (seen live on the availability channel, or refused by the hold) leave the selection with a
 * notice; the selection never exceeds the event's per-order limit.
 */
export function SeatPicker({
  event,
  availability,
  queue,
  canBuy,
}: {
  event: TEvent;
  availability: TLiveAvailability;
  queue: TQueueAdmission;
  canBuy: boolean;
}) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const mapQuery = useQuery(trpc.event.seatMap.queryOptions({ eventId: event.id, locale }, { staleTime: 5 * 60_000 }));
  const checkout = useHoldCheckout(event.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [suggested, setSuggested] = useState<string[]>([]);
  const [showSeats, setShowSeats] = useState<{ seatIds: string[] } | null>(null);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const suggestedSet = useMemo(() => new Set(suggested), [suggested]);

  // Drawn as the organiser drew it: the view box fits the sections, not the stored canvas size.
  const map = useMemo(() => (mapQuery.data ? fitMapToContent(mapQuery.data) : undefined), [mapQuery.data]);
  const offers = useMemo(() => (map ? zoneOffers(map) : new Map()), [map]);
  const seatsById = useMemo(() => new Map((map?.seats ?? []).map((seat) => [seat.id, seat])), [map]);
  const sectionNames = useMemo(() => new Map((map?.sections ?? []).map((section) => [section.id, section.name])), [map]);
  const seatName = useCallback((seat: TMapSeat) => m.event.seatName(sectionNames.get(seat.sectionId) ?? "", seat.rowLabel, seat.label), [m, sectionNames]);

  const dropTaken = useCallback(
    (seatIds: string[]) => {
      if (seatIds.length === 0) return;
      setSelected((current) => current.filter((id) => !seatIds.includes(id)));
      const names = seatIds.flatMap((id) => {
        const seat = seatsById.get(id);
        return seat ? [seatName(seat)] : [];
      });
      if (names.length > 0) setNotice(m.event.seatTaken(names.join("; ")));
    },
    [seatsById, seatName, m],
  );

  // Someone else held or bought a selected seat: it leaves the selection (not while our own hold
  // is being made: that hold shows up on the channel too).
  const { seats: liveSeats } = availability;
  useEffect(() => {
    if (checkout.holding.current) return;
    const taken = selected.filter((id) => liveSeats.has(id));
    if (taken.length > 0) dropTaken(taken);
  }, [liveSeats, selected, dropTaken, checkout.holding]);

  const suggest = (seatIds: string[]) => {
    setSuggested(seatIds);
    if (seatIds.length > 0) setShowSeats({ seatIds });
  };
  // An accepted suggestion becomes the whole selection (seats taken since then are left out).
  const acceptSuggestion = (seatIds: string[]) => {
    checkout.clearError();
    setSelected(seatIds.filter((id) => !liveSeats.has(id)).slice(0, event.maxPerOrder));
    setNotice(null);
  };

  const toggle = (seatId: string) => {
    checkout.clearError();
    if (selected.includes(seatId)) {
      setSelected(selected.filter((id) => id !== seatId));
      setNotice(null);
    } else if (selected.length >= event.maxPerOrder) {
      setNotice(m.event.maxSeats(event.maxPerOrder));
    } else {
      setSelected([...selected, seatId]);
      setNotice(null);
    }
  };

  if (mapQuery.isPending) return <p className="muted">{m.event.loadingSeatMap}</p>;
  if (mapQuery.isError || !map) {
    return (
      <div className="alert" role="alert">
        <p>{m.event.seatMapFailed}</p>
        <button type="button" className="button" onClick={() => void mapQuery.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }

  const chosen = selected.flatMap((id) => {
    const seat = seatsById.get(id);
    return seat ? [seat] : [];
  });
  const open = chosen.filter((seat) => seatLook(seat, offers.get(seat.priceZoneId), undefined, false) === "available");
  const total = open.reduce((sum, seat) => sum + (offers.get(seat.priceZoneId)?.priceMinor ?? 0), 0);

  return (
    <div className="seat-picker">
      <div className="seat-picker-map">
        {canBuy ? (
          <BestAvailable
            eventId={event.id}
            map={map}
            offers={offers}
            maxPerOrder={event.maxPerOrder}
            seatsById={seatsById}
            onSuggest={suggest}
            onAccept={acceptSuggestion}
          />
        ) : null}
        <SeatMap
          map={map}
          offers={offers}
          live={availability.seats}
          selected={selectedSet}
          suggested={suggestedSet}
          showSeats={showSeats}
          onToggle={canBuy ? toggle : () => undefined}
          seatName={seatName}
        />
      </div>
      <aside className="seat-picker-side" aria-label={m.event.yourSeats}>
        <p className="seat-notice" role="status" aria-live="polite">
          {notice}
        </p>
        {canBuy ? <SelectedSeats seats={chosen} offers={offers} seatName={seatName} onRemove={toggle} /> : null}
        {canBuy || queue.needsQueue ? (
          <ContinueBar
            slug={event.slug}
            totalMinor={total}
            currency={map.currency}
            count={open.length}
            pending={checkout.pending}
            error={checkout.error}
            queue={queue}
            holdTtlSeconds={event.holdTtlSeconds}
            onContinue={() =>
              void checkout.submit(
                open.map((seat) => ({ seatId: seat.id })),
                (error) => {
                  const seatId = appErrorOf(error).details?.seatId;
                  if (typeof seatId === "string") dropTaken([seatId]);
                  availability.refetch();
                },
              )
            }
          />
        ) : null}
        <SeatLegend offers={offers} />
      </aside>
    </div>
  );
}
