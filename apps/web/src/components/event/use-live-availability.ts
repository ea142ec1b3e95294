"use client";

import type { TAvailabilityMessage, TSeatState } from "@marquee/api/services/availability/availability-message";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useChannel } from "~/lib/realtime.tsx";

/** "unavailable": sold or blocked (availability.get lists held seats apart, in heldSeatIds). */
export type TLiveSeatState = Exclude<TSeatState, "free"> | "unavailable";

export interface TLiveAvailability {
  status: "pending" | "error" | "success";
  version: number;
  /** ticketTypeId → tickets left (general admission). */
  counts: ReadonlyMap<string, number>;
  /** Seats that are not free; every other seat of the map is. */
  seats: ReadonlyMap<string, TLiveSeatState>;
  refetch(): void;
}

interface TState {
  version: number;
  counts: Map<string, number>;
  seats: Map<string, TLiveSeatState>;
}

const fromSnapshot = (data: {
  version: number;
  ticketTypes: { ticketTypeId: string; available: number }[];
  unavailableSeatIds: string[];
  heldSeatIds: string[];
}): TState => {
  const held = new Set(data.heldSeatIds);
  return {
    version: data.version,
    counts: new Map(data.ticketTypes.map((type) => [type.ticketTypeId, type.available])),
    seats: new Map(data.unavailableSeatIds.map((id): [string, TLiveSeatState] => [id, held.has(id) ? "held" : "unavailable"])),
  };
};

/**
 * Remaining tickets and seat states, kept live: availability.get first, then the `availability`
 * messages of the public channel `event-<eventId>` (services/availability/README.md): older
 * messages are ignored, a gap or `resync` refetches, and so does every (re)connection.
 */
export function useLiveAvailability(eventId: string): TLiveAvailability {
  const trpc = useTRPC();
  const query = useQuery(trpc.availability.get.queryOptions({ eventId }, { refetchOnWindowFocus: true, staleTime: 5_000 }));
  const [state, setState] = useState<TState | null>(() => (query.data ? fromSnapshot(query.data) : null));
  const stateRef = useRef(state);
  stateRef.current = state;
  const refetchRef = useRef(query.refetch);
  refetchRef.current = query.refetch;

  // Each fresh snapshot replaces the live state unless messages already moved past it.
  const { data, dataUpdatedAt } = query;
  useEffect(() => {
    if (!data) return;
    setState((current) => (current && current.version > data.version ? current : fromSnapshot(data)));
  }, [data, dataUpdatedAt]);

  useChannel<TAvailabilityMessage>(
    `event-${eventId}`,
    "availability",
    (message) => {
      const current = stateRef.current;
      if (!current || message.eventId !== eventId || message.version <= current.version) return;
      if ("resync" in message.seats || message.previousVersion === null || message.previousVersion > current.version) {
        void refetchRef.current();
        return;
      }
      const seats = new Map(current.seats);
      for (const [seatId, seatState] of message.seats.changed) {
        if (seatState === "free") seats.delete(seatId);
        else seats.set(seatId, seatState);
      }
      const next = { version: message.version, counts: new Map(message.ticketTypes.map((type) => [type.ticketTypeId, type.available])), seats };
      stateRef.current = next;
      setState(next);
    },
    () => void refetchRef.current(),
  );

  return {
    status: state ? "success" : query.isError ? "error" : "pending",
    version: state?.version ?? 0,
    counts: state?.counts ?? EMPTY_COUNTS,
    seats: state?.seats ?? EMPTY_SEATS,
    refetch: () => void query.refetch(),
  };
}

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();
const EMPTY_SEATS: ReadonlyMap<string, TLiveSeatState> = new Map();
