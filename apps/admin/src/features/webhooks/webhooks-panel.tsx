"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { CreateWebhookForm } from "./create-webhook-form.tsx";
import { DeliveryLog } from "./delivery-log.tsx";
import { EventCheckboxes } from "./event-checkboxes.tsx";
import { SecretReveal } from "./secret-reveal.tsx";
import { WEBHOOK_EVENT_LABEL, type TWebhookEventType } from "./webhook-labels.ts";

type Endpoint = AdminRouterOutputs["webhook"]["list"]["endpoints"][number];

/** Settings -> Webhooks: the organisation's endpoints and, for the chosen one, its delivery log. */
export function WebhooksPanel({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.webhook.list.queryOptions({ organizationId }));
  const [logOf, setLogOf] = useState<string | null>(null);
  const shown = endpoints.data?.endpoints.find((endpoint) => endpoint.id === logOf) ?? endpoints.data?.endpoints[0] ?? null;
  return (
    <div className="stack">
      <p className="muted">
        Marquee POSTs JSON to your HTTPS endpoints when orders are paid, refunded or cancelled, tickets are checked in, and events sell out. Each delivery
        carries its id in <code>Marquee-Delivery</code> and a <code>Marquee-Signature</code> (<code>t=…,v1=…</code>, HMAC-SHA256 with the endpoint&apos;s
        secret), and is retried with backoff for a day until your endpoint answers 2xx.
      </p>
      <CreateWebhookForm organizationId={organizationId} />
      {endpoints.isPending ? (
        <p className="muted">Loading endpoints…</p>
      ) : endpoints.isError ? (
        <QueryError error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : endpoints.data.endpoints.length === 0 ? (
        <p className="card muted">No endpoints yet.</p>
      ) : (
        <ul className="webhook-endpoints stack" aria-label="Webhook endpoints">
          {endpoints.data.endpoints.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              organizationId={organizationId}
              endpoint={endpoint}
              showingLog={shown?.id === endpoint.id}
              onShowLog={() => setLogOf(endpoint.id)}
            />
          ))}
        </ul>
      )}
      {shown && <DeliveryLog organizationId={organizationId} endpointId={shown.id} url={shown.url} />}
    </div>
  );
}

function EndpointCard({
  organizationId,
  endpoint,
  showingLog,
  onShowLog,
}: {
  organizationId: string;
  endpoint: Endpoint;
  showingLog: boolean;
  onShowLog: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhook.list.queryKey() });
  const update = useMutation(trpc.webhook.update.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(
    trpc.webhook.rotateSecret.mutationOptions({
      onSuccess: async (result) => {
        setSecret(result.secret);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.webhook.delete.mutationOptions({ onSuccess: refresh }));
  const failed = update.error ?? rotate.error ?? remove.error;

  const saveEvents = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const events = new FormData(event.currentTarget).getAll("events").map(String) as TWebhookEventType[];
    update.mutate({ organizationId, endpointId: endpoint.id, events }, { onSuccess: () => setEditing(false) });
  };

  return (
    <li className="card stack" data-testid="webhook-endpoint" aria-labelledby={`${id}-url`}>
      <div className="webhook-endpoint-head">
        <h2 id={`${id}-url`} className="webhook-url">
          {endpoint.url}
        </h2>
        <span className={`badge ${endpoint.enabled ? "status-published" : "status-draft"}`}>{endpoint.enabled ? "Enabled" : "Disabled"}</span>
      </div>
      {endpoint.description && <p className="muted">{endpoint.description}</p>}
      <p className="small">
        {endpoint.events.map((type) => WEBHOOK_EVENT_LABEL[type as TWebhookEventType] ?? type).join(" · ")}
        {endpoint.previousSecretExpiresAt && (
          <span className="muted block">The previous secret also signs until {endpoint.previousSecretExpiresAt.toLocaleString()}.</span>
        )}
      </p>
      {secret && <SecretReveal id={`${id}-secret`} secret={secret} note="The previous secret keeps signing for 24 hours, so receivers can switch." />}
      {editing && (
        <form className="stack" onSubmit={saveEvents} aria-label={`Events of ${endpoint.url}`}>
          <EventCheckboxes idPrefix={`${id}-edit`} selected={endpoint.events} />
          <div className="event-actions">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              Save events
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <div className="event-actions">
        <button type="button" className="button" aria-pressed={showingLog} onClick={onShowLog}>
          Delivery log
        </button>
        {!editing && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit events
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={update.isPending}
          onClick={() => update.mutate({ organizationId, endpointId: endpoint.id, enabled: !endpoint.enabled })}
        >
          {endpoint.enabled ? "Disable" : "Enable"}
        </button>
        <button type="button" className="button" disabled={rotate.isPending} onClick={() => rotate.mutate({ organizationId, endpointId: endpoint.id })}>
          Rotate secret
        </button>
        {confirmDelete ? (
          <span className="revoke-confirm" role="group" aria-label={`Delete ${endpoint.url}?`}>
            <span>Delete this endpoint and its delivery log?</span>
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ organizationId, endpointId: endpoint.id })}
            >
              Yes, delete
            </button>
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {failed && (
        <p className="alert" role="alert">
          {failed.message}
        </p>
      )}
    </li>
  );
}
