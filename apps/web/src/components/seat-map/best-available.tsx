"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { TMapSeat, TSeatMap, TSeatOffer } from "~/components/seat-map/seat-model.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** The API's cap on one search (event.bestSeats); the event's per-order limit may be lower. */
const MAX_SEARCH = 20;

type TResult = { seatIds: string[]; adjacent: boolean; zoneName: string; count: number };

/**
 * "Best available": a price zone and a number of seats; the server (event.bestSeats, live
 * availability) suggests seats together in one row nearest the stage, or says there are none
 * together and offers the nearest ones. The buyer accepts (the seats become the selection) or
 * goes on picking by hand. The suggestion is ringed on the map while it stands.
 */
export function BestAvailable({
  eventId,
  map,
  offers,
  maxPerOrder,
  seatsById,
  onSuggest,
  onAccept,
}: {
  eventId: string;
  map: TSeatMap;
  offers: Map<string, TSeatOffer>;
  maxPerOrder: number;
  seatsById: ReadonlyMap<string, TMapSeat>;
  /** The suggestion to ring and show on the map ([] clears it). */
  onSuggest(seatIds: string[]): void;
  onAccept(seatIds: string[]): void;
}) {
  const { m, format } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const zones = map.priceZones.filter((zone) => offers.get(zone.id)?.priceMinor != null);
  const [zoneId, setZoneId] = useState(zones[0]?.id ?? "");
  const [count, setCount] = useState(Math.min(2, maxPerOrder));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TResult | null>(null);
  if (zones.length === 0) return null;

  const sectionName = (sectionId: string) => map.sections.find((section) => section.id === sectionId)?.name ?? "";
  const describe = (seatIds: string[]) => {
    const seats = seatIds.flatMap((seatId) => seatsById.get(seatId) ?? []);
    const first = seats[0];
    const last = seats[seats.length - 1];
    if (!first || !last) return "";
    const oneRow = seats.every((seat) => seat.sectionId === first.sectionId && seat.rowLabel === first.rowLabel);
    if (oneRow) return m.seatMap.seatRange(sectionName(first.sectionId), first.rowLabel, first.label, last.label);
    return seats.map((seat) => m.event.seatName(sectionName(seat.sectionId), seat.rowLabel, seat.label)).join("; ");
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const answer = await queryClient.fetchQuery(trpc.event.bestSeats.queryOptions({ eventId, priceZoneId: zoneId, count }, { staleTime: 0, retry: false }));
      setResult({ ...answer, zoneName: offers.get(zoneId)?.zoneName ?? "", count });
      onSuggest(answer.seatIds);
    } catch (caught) {
      const appError = appErrorOf(caught);
      const limit = appError.details?.limit;
      setError(appError.code === "LIMIT_EXCEEDED" && typeof limit === "number" ? m.seatMap.bestTooMany(format.count(limit)) : m.seatMap.bestFailed);
      setResult(null);
      onSuggest([]);
    } finally {
      setPending(false);
    }
  };
  const close = () => {
    setResult(null);
    onSuggest([]);
  };

  const shown = result ? format.count(result.count) : "";
  const message = !result
    ? ""
    : result.seatIds.length === 0
      ? m.seatMap.bestNone(result.count, shown, result.zoneName)
      : result.adjacent
        ? m.seatMap.bestTogether(result.count, shown, describe(result.seatIds))
        : `${m.seatMap.bestApart(result.count, shown, result.zoneName)} ${describe(result.seatIds)}`;

  return (
    <section className="best-available" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{m.seatMap.bestHeading}</h3>
      <p className="muted small">{m.seatMap.bestIntro}</p>
      <form className="best-available-form" onSubmit={(event) => void search(event)}>
        <label>
          <span>{m.seatMap.bestZone}</span>
          <select value={zoneId} onChange={(event) => setZoneId(event.target.value)}>
            {zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{m.seatMap.bestCount}</span>
          <select value={count} onChange={(event) => setCount(Number(event.target.value))}>
            {Array.from({ length: Math.min(maxPerOrder, MAX_SEARCH) }, (_, index) => index + 1).map((value) => (
              <option key={value} value={value}>
                {format.count(value)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={pending}>
          {pending ? m.seatMap.bestFinding : m.seatMap.bestFind}
        </button>
      </form>
      <p className="best-available-result" role="status" aria-live="polite">
        {error ?? message}
      </p>
      {result && result.seatIds.length > 0 ? (
        <div className="best-available-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              onAccept(result.seatIds);
              close();
            }}
          >
            {m.seatMap.bestAccept}
          </button>
          <button type="button" className="button" onClick={close}>
            {m.seatMap.bestDismiss}
          </button>
        </div>
      ) : null}
    </section>
  );
}
