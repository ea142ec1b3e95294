"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";

/** Where a new map belongs: one of the organisation's venues, or a new one added here. */
export function VenuePicker({ organizationId, venueId, onChange }: { organizationId: string; venueId: string | null; onChange(venueId: string | null): void }) {
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const venues = useQuery(trpc.venue.list.queryOptions({ organizationId, limit: 100 }));
  const [draft, setDraft] = useState({ name: "", city: "", country: "" });
  const create = useMutation(
    trpc.venue.create.mutationOptions({
      onSuccess: async (venue) => {
        await queryClient.invalidateQueries({ queryKey: trpc.venue.list.pathKey() });
        onChange(venue.id);
        setDraft({ name: "", city: "", country: "" });
      },
    }),
  );
  const firstVenueId = venues.data?.venues[0]?.id ?? null;
  // The first venue is picked until the organiser picks another.
  useEffect(() => {
    if (venueId === null && firstVenueId !== null) onChange(firstVenueId);
  }, [venueId, firstVenueId, onChange]);
  if (venues.isPending) return <p className="muted">Loading venues…</p>;
  if (venues.isError) return <QueryError error={venues.error} onRetry={() => void venues.refetch()} />;
  const selected = venueId ?? firstVenueId;

  return (
    <div className="venue-picker">
      {venues.data.venues.length ? (
        <div className="field">
          <label htmlFor={`${id}-venue`}>Venue</label>
          <select id={`${id}-venue`} value={selected ?? ""} onChange={(event) => onChange(event.target.value)}>
            {venues.data.venues.map((venue) => (
              <option key={venue.id} value={venue.id}>
                {venue.name}, {venue.city}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="muted small">No venues yet: add one for this map.</p>
      )}
      <details className="venue-add">
        <summary>Add a venue</summary>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ organizationId, ...draft });
          }}
        >
          {(["name", "city", "country"] as const).map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{key === "name" ? "Venue name" : key === "city" ? "City" : "Country (2 letters)"}</label>
              <input
                id={`${id}-${key}`}
                required
                maxLength={key === "country" ? 2 : 120}
                value={draft[key]}
                onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
              />
            </div>
          ))}
          <button type="submit" className="button" disabled={create.isPending}>
            Add venue
          </button>
          {create.isError ? (
            <p className="alert small" role="alert">
              {create.error.message}
            </p>
          ) : null}
        </form>
      </details>
    </div>
  );
}
