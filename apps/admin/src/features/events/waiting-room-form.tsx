"use client";

import { suggestAdmissionRate, queueDrainMinutes } from "@marquee/api/services/organiser-event/admission-rate";
import { formatCount } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError, fromLocalInput, intOf, toLocalInput } from "./form-kit.tsx";

const CONVERSION = 0.5;
const TICKETS_PER_ORDER = 2;

/** On/off, pre-queue, overbooking, outflow, with the suggested safe rate and what it means for the queue. */
export function WaitingRoomForm({ organizationId, eventId }: { organizationId: string; eventId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const event = useQuery(trpc.event.detail.queryOptions({ organizationId, eventId }));
  const save = useMutation(trpc.event.setWaitingRoom.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.event.pathKey() }) }));
  const [overbook, setOverbook] = useState<number | null>(null);
  const [rate, setRate] = useState<string | null>(null);

  if (event.isPending) return <p className="muted">Loading…</p>;
  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;
  const room = e.waitingRoom;
  const overbookPct = overbook ?? room.overbookPct;
  const stock = Math.max(0, e.capacity - e.ticketsSold);
  const suggested = suggestAdmissionRate({ stock, holdTtlSeconds: e.holdTtlSeconds, conversion: CONVERSION, ticketsPerOrder: TICKETS_PER_ORDER, overbookPct });
  const perMinute = Number(rate ?? room.admitPerMinute ?? suggested) || suggested;

  const onSubmit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget);
    save.mutate({
      organizationId,
      eventId,
      enabled: data.get("enabled") === "on",
      opensAt: fromLocalInput(data.get("opensAt")),
      overbookPct,
      admitPerMinute: intOf(data.get("admitPerMinute")),
      admissionTtlSeconds: (intOf(data.get("admissionMinutes")) ?? 5) * 60,
    });
  };
  const err = (field: string) => fieldError(save.error, field);
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate>
      <label>
        <input type="checkbox" name="enabled" defaultChecked={room.enabled} /> Waiting room on
      </label>
      <Field id="opensAt" label="Pre-queue opens (optional)" hint="Early arrivals are shuffled when the sale starts." error={err("opensAt")}>
        <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={toLocalInput(room.opensAt)} aria-describedby="opensAt-hint" />
      </Field>
      <Field id="overbookPct" label="Overbooking factor (%)" error={err("overbookPct")}>
        <input id="overbookPct" type="number" min={100} max={300} value={overbookPct} onChange={(ev) => setOverbook(Number(ev.target.value))} />
      </Field>
      <Field id="admitPerMinute" label="Admissions per minute" error={err("admitPerMinute")} hint={`Suggested: ${formatCount(suggested)} a minute.`}>
        <input
          id="admitPerMinute"
          name="admitPerMinute"
          type="number"
          min={1}
          value={rate ?? room.admitPerMinute ?? ""}
          onChange={(ev) => setRate(ev.target.value)}
          aria-describedby="admitPerMinute-hint"
        />
      </Field>
      <p className="muted small" id="rate-explained">
        Suggested rate = stock × overbooking ÷ (hold minutes × expected conversion × tickets per order) = {formatCount(stock)} × {overbookPct}% ÷ (
        {e.holdTtlSeconds / 60} × {CONVERSION} × {TICKETS_PER_ORDER}): within one hold time, the buyers let in are expected to buy about the stock, no faster.
      </p>
      <p role="status">
        At {formatCount(perMinute)} a minute, 10,000 people in the queue are admitted in about {formatCount(queueDrainMinutes(10_000, perMinute))} min.
      </p>
      <Field id="admissionMinutes" label="Minutes an admitted buyer has to start (admission time)" error={err("admissionTtlSeconds")}>
        <input id="admissionMinutes" name="admissionMinutes" type="number" min={1} max={60} defaultValue={room.admissionTtlSeconds / 60} />
      </Field>
      <FormError error={save.error} fields={["opensAt", "overbookPct", "admitPerMinute", "admissionTtlSeconds"]} />
      {save.isSuccess ? <p role="status">Saved.</p> : null}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save waiting room"}
      </button>
    </form>
  );
}
