"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { DELIVERY_STATUS_CLASS, DELIVERY_STATUS_LABEL, WEBHOOK_EVENT_LABEL, type TWebhookEventType } from "./webhook-labels.ts";

type Delivery = AdminRouterOutputs["webhook"]["deliveries"]["deliveries"][number];

/** One endpoint's deliveries, newest first, refreshed every few seconds while pending ones retry. */
export function DeliveryLog({ organizationId, endpointId, url }: { organizationId: string; endpointId: string; url: string }) {
  const trpc = useTRPC();
  const deliveries = useQuery({ ...trpc.webhook.deliveries.queryOptions({ organizationId, endpointId, limit: 50 }), refetchInterval: 3_000 });
  return (
    <section className="card stack" aria-labelledby="webhook-log-title" data-testid="webhook-log">
      <h2 id="webhook-log-title">Delivery log</h2>
      <p className="muted small">{url}</p>
      {deliveries.isPending ? (
        <p className="muted">Loading deliveries…</p>
      ) : deliveries.isError ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.deliveries.length === 0 ? (
        <p className="muted">No deliveries yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Webhook deliveries table">
          <table>
            <caption className="visually-hidden">Deliveries to {url}</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Event</th>
                <th scope="col">Time</th>
                <th scope="col" className="numeric">
                  Attempts
                </th>
                <th scope="col" className="numeric">
                  Code
                </th>
                <th scope="col" className="numeric">
                  Latency
                </th>
                <th scope="col">Response</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.deliveries.map((delivery) => (
                <DeliveryRow key={delivery.id} organizationId={organizationId} delivery={delivery} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeliveryRow({ organizationId, delivery }: { organizationId: string; delivery: Delivery }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const redeliver = useMutation(
    trpc.webhook.redeliver.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhook.deliveries.queryKey() }),
    }),
  );
  const label = `${WEBHOOK_EVENT_LABEL[delivery.eventType as TWebhookEventType] ?? delivery.eventType} ${delivery.id}`;
  return (
    <>
      <tr data-testid="webhook-delivery" data-status={delivery.status}>
        <td>
          <span className={`badge ${DELIVERY_STATUS_CLASS[delivery.status]}`}>{DELIVERY_STATUS_LABEL[delivery.status]}</span>
          {delivery.status === "PENDING" && delivery.nextAttemptAt && <span className="muted small block">next {formatDateTime(delivery.nextAttemptAt)}</span>}
        </td>
        <td>
          <code>{delivery.eventType}</code>
        </td>
        <td className="nowrap">
          <time dateTime={delivery.createdAt.toISOString()}>{formatDateTime(delivery.createdAt)}</time>
        </td>
        <td className="numeric">{delivery.attempts}</td>
        <td className="numeric" data-testid="webhook-status-code">
          {delivery.lastStatusCode ?? "—"}
        </td>
        <td className="numeric">{delivery.lastLatencyMs === null ? "—" : `${delivery.lastLatencyMs} ms`}</td>
        <td className="webhook-excerpt">
          <code>{delivery.lastResponseExcerpt?.slice(0, 120) || delivery.lastError || ""}</code>
        </td>
        <td>
          <div className="event-actions">
            <button type="button" className="button" aria-expanded={open} aria-label={`Attempts of ${label}`} onClick={() => setOpen(!open)}>
              Attempts
            </button>
            <button
              type="button"
              className="button"
              aria-label={`Redeliver ${label}`}
              disabled={redeliver.isPending}
              onClick={() => redeliver.mutate({ organizationId, deliveryId: delivery.id })}
            >
              Redeliver
            </button>
          </div>
          {redeliver.isError && (
            <span className="alert" role="alert">
              {redeliver.error.message}
            </span>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={8}>
            <DeliveryAttempts organizationId={organizationId} deliveryId={delivery.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function DeliveryAttempts({ organizationId, deliveryId }: { organizationId: string; deliveryId: string }) {
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.webhook.delivery.queryOptions({ organizationId, deliveryId }), refetchInterval: 3_000 });
  if (detail.isPending) return <p className="muted">Loading attempts…</p>;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.data.attempts.length === 0) return <p className="muted">No attempt yet.</p>;
  return (
    <ol className="webhook-attempts" data-testid="webhook-attempts">
      {detail.data.attempts.map((attempt) => (
        <li key={attempt.attempt}>
          <strong>#{attempt.attempt}</strong> <time dateTime={attempt.createdAt.toISOString()}>{formatDateTime(attempt.createdAt)}</time> ·{" "}
          {attempt.statusCode ?? "no answer"} · {attempt.latencyMs} ms
          {(attempt.responseExcerpt || attempt.error) && <code className="block webhook-excerpt">{attempt.responseExcerpt || attempt.error}</code>}
        </li>
      ))}
    </ol>
  );
}
