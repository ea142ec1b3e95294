"use client";

import { formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError } from "../events/form-kit.tsx";
import { PriceChart } from "./price-chart.tsx";
import { draftOf, lastFriday, rulesOf, type TPricing, type TSettingsDraft } from "./pricing-settings.ts";

const FIELDS = ["floorMinor", "ceilingMinor", "stepMinor", "windowMinutes", "raiseAtPerMinute", "scarcityPct", "lowerAtPerMinute", "minIntervalSeconds"];

/** A ticket type's demand pricing: the settings, the price history beside sales, and a simulation before turning it on. */
export function DemandPricingPanel({ organizationId, ticketTypeId }: { organizationId: string; ticketTypeId: string }) {
  const trpc = useTRPC();
  const pricing = useQuery(trpc.pricing.get.queryOptions({ organizationId, ticketTypeId }));
  const history = useQuery({ ...trpc.pricing.history.queryOptions({ organizationId, ticketTypeId }), refetchInterval: 15_000 });
  if (pricing.isPending) return <p className="muted">Loading pricing…</p>;
  if (pricing.isError) return <QueryError error={pricing.error} onRetry={() => void pricing.refetch()} />;
  return (
    <div className="stack">
      <p data-testid="pricing-current">
        Price now:{" "}
        <strong>{pricing.data.currentPriceMinor === null ? "not on sale" : formatPrice(pricing.data.currentPriceMinor, pricing.data.currency)}</strong>
        {pricing.data.settings?.enabled ? ` (demand pricing on, version ${pricing.data.currentVersion ?? "—"})` : " (fixed tier price)"}
      </p>
      <SettingsForm key={pricing.data.ticketTypeId} organizationId={organizationId} pricing={pricing.data} />
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data ? (
        <PriceChart series={history.data} title="Price and sales, last 24 hours" testId="pricing-history" />
      ) : null}
    </div>
  );
}

function SettingsForm({ organizationId, pricing }: { organizationId: string; pricing: TPricing }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TSettingsDraft>(() => draftOf(pricing));
  const [day, setDay] = useState(() => lastFriday(new Date()));
  const [simulated, setSimulated] = useState<{ rules: ReturnType<typeof rulesOf>; day: string } | null>(null);
  const save = useMutation(trpc.pricing.save.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.pricing.pathKey() }) }));
  const simulation = useQuery({
    ...trpc.pricing.simulate.queryOptions({ organizationId, ticketTypeId: pricing.ticketTypeId, day: simulated?.day, settings: simulated?.rules }),
    enabled: simulated !== null,
    retry: false,
  });
  // An edit clears the last save's answer (an error about the old values, or "Saved.").
  const set = (field: keyof TSettingsDraft) => (e: { target: { value: string } }) => {
    save.reset();
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  };
  const err = (field: string) => fieldError(save.error, field) ?? fieldError(simulation.error, `settings.${field}`) ?? fieldError(simulation.error, field);
  const onSave = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ organizationId, ticketTypeId: pricing.ticketTypeId, enabled: draft.enabled, ...rulesOf(draft) });
  };
  const money = `(${pricing.currency}, tax included)`;
  return (
    <>
      <form className="card stack" onSubmit={onSave} noValidate aria-labelledby="pricing-settings-title" data-testid="pricing-form">
        <h2 id="pricing-settings-title">Settings</h2>
        <p className="muted small">
          Tier price now: {pricing.tierPriceMinor === null ? "none on sale" : formatPrice(pricing.tierPriceMinor, pricing.currency)}. The price moves one step
          at a time between the floor and the ceiling; a buyer keeps the price they held.
        </p>
        <div className="form-grid">
          <Field id="dp-floor" label={`Floor ${money}`} error={err("floorMinor")}>
            <input id="dp-floor" type="number" min={0} step="0.01" value={draft.floor} onChange={set("floor")} />
          </Field>
          <Field id="dp-ceiling" label={`Ceiling ${money}`} error={err("ceilingMinor")}>
            <input id="dp-ceiling" type="number" min={0} step="0.01" value={draft.ceiling} onChange={set("ceiling")} />
          </Field>
          <Field id="dp-step" label={`Step ${money}`} error={err("stepMinor")}>
            <input id="dp-step" type="number" min={0.01} step="0.01" value={draft.step} onChange={set("step")} />
          </Field>
          <Field id="dp-window" label="Sales window (minutes)" error={err("windowMinutes")}>
            <input id="dp-window" type="number" min={1} max={1440} value={draft.windowMinutes} onChange={set("windowMinutes")} />
          </Field>
          <Field id="dp-raise" label="Raise at (tickets a minute)" error={err("raiseAtPerMinute")}>
            <input id="dp-raise" type="number" min={0.01} step="0.01" value={draft.raiseAtPerMinute} onChange={set("raiseAtPerMinute")} />
          </Field>
          <Field id="dp-scarcity" label="Raise when stock left is at most (%, optional)" error={err("scarcityPct")}>
            <input id="dp-scarcity" type="number" min={1} max={100} value={draft.scarcityPct} onChange={set("scarcityPct")} />
          </Field>
          <Field id="dp-lower" label="Lower at (tickets a minute, optional)" error={err("lowerAtPerMinute")}>
            <input id="dp-lower" type="number" min={0} step="0.01" value={draft.lowerAtPerMinute} onChange={set("lowerAtPerMinute")} />
          </Field>
          <Field id="dp-interval" label="At most one change per (minutes)" error={err("minIntervalSeconds")}>
            <input id="dp-interval" type="number" min={0} max={1440} value={draft.minIntervalMinutes} onChange={set("minIntervalMinutes")} />
          </Field>
        </div>
        <div className="inline-form">
          <Field id="dp-day" label="Simulate a past day">
            <input id="dp-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          </Field>
          <button type="button" className="button" data-testid="pricing-simulate" onClick={() => setSimulated({ rules: rulesOf(draft), day })}>
            Run simulation
          </button>
        </div>
        <label>
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))}
            data-testid="pricing-enabled"
          />{" "}
          Demand pricing on
        </label>
        <FormError error={save.error} fields={FIELDS} />
        {save.isSuccess ? <p role="status">Saved.</p> : null}
        <button type="submit" className="button button-primary" disabled={save.isPending} data-testid="pricing-save">
          {save.isPending ? "Saving…" : "Save demand pricing"}
        </button>
      </form>
      {simulated && simulation.isError && !FIELDS.some((f) => err(f)) ? (
        <QueryError error={simulation.error} onRetry={() => void simulation.refetch()} />
      ) : null}
      {simulated && simulation.isPending ? <p className="muted">Simulating…</p> : null}
      {simulation.data ? (
        <div className="stack" data-testid="pricing-simulation">
          <p role="status">
            With these settings, the {simulation.data.ticketsSold} tickets sold on {simulation.data.day} would have brought{" "}
            {formatPrice(simulation.data.simulatedRevenueMinor, simulation.data.currency)} instead of{" "}
            {formatPrice(simulation.data.actualRevenueMinor, simulation.data.currency)}, ending at{" "}
            {formatPrice(simulation.data.endPriceMinor, simulation.data.currency)}.
          </p>
          <PriceChart series={simulation.data} title={`Simulation of ${simulation.data.day}`} testId="pricing-simulation-chart" />
        </div>
      ) : null}
    </>
  );
}
