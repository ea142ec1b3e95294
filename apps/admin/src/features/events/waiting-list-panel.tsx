"use client";

import { formatCount, formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError, intOf } from "./form-kit.tsx";

const STATUSES = ["WAITING", "OFFERED", "PURCHASED", "EXPIRED", "REMOVED"] as const;
type TStatus = (typeof STATUSES)[number];
const LABEL: Record<TStatus, string> = { WAITING: "Waiting", OFFERED: "Offered", PURCHASED: "Purchased", EXPIRED: "Offer expired", REMOVED: "Removed" };

/** An event's waiting list: settings (on/off, offer validity, pause), entries by state, remove, CSV export. */
export function WaitingListPanel({ organizationId, eventId }: { organizationId: string; eventId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TStatus | "">("");
  const overview = useQuery(trpc.waitingList.overview.queryOptions({ organizationId, eventId, ...(status ? { status } : {}) }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.waitingList.pathKey() });
  const save = useMutation(trpc.waitingList.updateSettings.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.waitingList.remove.mutationOptions({ onSuccess: refresh }));
  const [csvUrl, setCsvUrl] = useState<{ url: string; filename: string } | null>(null);
  const exporter = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.waitingList.export.queryOptions({ organizationId, eventId }, { staleTime: 0 })),
    onSuccess: (result) => setCsvUrl({ url: URL.createObjectURL(new Blob([result.csv], { type: "text/csv" })), filename: result.filename }),
  });

  if (overview.isPending && !overview.data) return <p className="muted">Loading…</p>;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;

  const onSave = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget);
    save.mutate({
      organizationId,
      eventId,
      enabled: data.get("enabled") === "on",
      paused: data.get("paused") === "on",
      offerMinutes: intOf(data.get("offerMinutes")) ?? 60,
    });
  };

  return (
    <div className="stack" data-testid="waiting-list-panel">
      <form className="card stack" onSubmit={onSave} noValidate aria-labelledby="wl-settings">
        <h2 id="wl-settings">Settings</h2>
        <p className="muted small">
          When a ticket type is sold out, buyers can leave their e-mail address. Tickets that come back (expired holds, refunds, cancellations, more capacity)
          are offered to the list in order before they go back on sale.
        </p>
        <label>
          <input type="checkbox" name="enabled" defaultChecked={o.enabled} data-testid="wl-enabled" /> Waiting list on
        </label>
        <label>
          <input type="checkbox" name="paused" defaultChecked={o.paused} data-testid="wl-paused" /> Pause offers (returned tickets stay reserved for the list)
        </label>
        <Field id="offerMinutes" label="Minutes an offer stays valid" error={fieldError(save.error, "offerMinutes")}>
          <input id="offerMinutes" name="offerMinutes" type="number" min={5} max={10080} defaultValue={o.offerMinutes} />
        </Field>
        <FormError error={save.error} fields={["offerMinutes"]} />
        {save.isSuccess ? <p role="status">Saved.</p> : null}
        <button type="submit" className="button button-primary" disabled={save.isPending} data-testid="wl-save">
          {save.isPending ? "Saving…" : "Save waiting list"}
        </button>
      </form>

      <section className="card stack" aria-labelledby="wl-entries">
        <h2 id="wl-entries">Entries</h2>
        <p data-testid="wl-counts">{STATUSES.map((s) => `${LABEL[s]}: ${formatCount(o.counts[s] ?? 0)}`).join(" · ")}</p>
        <div className="actions-row">
          <label htmlFor="wl-status">Show</label>
          <select id="wl-status" value={status} onChange={(ev) => setStatus(ev.target.value as TStatus | "")} data-testid="wl-filter">
            <option value="">All states</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {LABEL[s]}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => exporter.mutate()} disabled={exporter.isPending} data-testid="wl-export">
            {exporter.isPending ? "Exporting…" : "Export CSV"}
          </button>
          {csvUrl ? (
            <a className="button" href={csvUrl.url} download={csvUrl.filename} data-testid="wl-download">
              Download {csvUrl.filename}
            </a>
          ) : null}
        </div>
        {remove.isError ? <FormError error={remove.error} fields={[]} /> : null}
        {o.entries.length === 0 ? (
          <p className="muted">Nobody on the list{status ? " in this state" : ""} yet.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Waiting list entries table">
            <table data-testid="wl-table">
              <caption className="visually-hidden">Waiting list entries</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    Place
                  </th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Ticket type</th>
                  <th scope="col" className="numeric">
                    Qty
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Offer until</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.entries.map((entry) => (
                  <tr key={entry.id} data-testid="wl-row">
                    <td className="numeric">{entry.place ?? "–"}</td>
                    <th scope="row">{entry.email}</th>
                    <td>{entry.ticketTypeName}</td>
                    <td className="numeric">{entry.quantity}</td>
                    <td data-testid="wl-state">{LABEL[entry.status]}</td>
                    <td>{formatDateTime(entry.createdAt)}</td>
                    <td>{entry.offerExpiresAt && entry.status === "OFFERED" ? formatDateTime(entry.offerExpiresAt) : "–"}</td>
                    <td>
                      {entry.status === "WAITING" || entry.status === "OFFERED" ? (
                        <button
                          type="button"
                          className="button"
                          disabled={remove.isPending}
                          aria-label={`Remove ${entry.email}`}
                          onClick={() => remove.mutate({ organizationId, entryId: entry.id })}
                        >
                          Remove
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
