"use client";

import { formatCount, formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { STATUS_LABEL } from "~/lib/labels.ts";
import { orgPath } from "~/lib/org-path.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";

type TDialog = "publish" | "unpublish" | "cancel" | null;

/** One event: its state, sales, the status actions (each confirmed) and, once cancelled, the refunds' progress. */
export function EventOverview({ organizationId, eventId, canManage }: { organizationId: string; eventId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<TDialog>(null);
  const [reason, setReason] = useState("");
  const event = useQuery({
    ...trpc.event.detail.queryOptions({ organizationId, eventId }),
    // While refunds run, the progress refreshes itself.
    refetchInterval: (query) =>
      query.state.data?.progress && (query.state.data.progress.waiting > 0 || query.state.data.progress.pending > 0) ? 2_000 : false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.event.pathKey() });
  const publish = useMutation(trpc.event.publish.mutationOptions({ onSuccess: refresh }));
  const unpublish = useMutation(trpc.event.unpublish.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.event.cancel.mutationOptions({ onSuccess: refresh }));
  const duplicate = useMutation(trpc.event.duplicate.mutationOptions({ onSuccess: (copy) => router.push(orgPath(organizationId, `/events/${copy.id}`)) }));

  if (event.isPending) return <p className="muted">Loading event…</p>;
  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;
  const base = orgPath(organizationId, `/events/${e.id}`);
  const busy = publish.isPending || unpublish.isPending || cancel.isPending || duplicate.isPending;
  const failure = publish.error ?? unpublish.error ?? cancel.error ?? duplicate.error;
  const close = () => setDialog(null);

  return (
    <div className="stack">
      <h1>{e.name}</h1>
      <p>
        <span className={`badge status-${e.status.toLowerCase()}`}>{STATUS_LABEL[e.status]}</span>{" "}
        <span className="muted">
          {formatDateTime(e.startsAt)} · {e.venueName} · {e.seatMapName ? `Reserved (${e.seatMapName})` : "General admission"}
        </span>
      </p>
      <dl className="card event-facts">
        <dt>Capacity</dt>
        <dd>{formatCount(e.capacity)}</dd>
        <dt>Tickets sold</dt>
        <dd>{formatCount(e.ticketsSold)}</dd>
        <dt>On sale from</dt>
        <dd>{formatDateTime(e.onSaleAt)}</dd>
        <dt>Waiting room</dt>
        <dd>{e.waitingRoom.enabled ? `On (${formatCount(e.waitingRoom.waiting)} waiting)` : "Off"}</dd>
      </dl>
      {e.progress ? (
        <section className="card" aria-labelledby="refunds-title">
          <h2 id="refunds-title">Cancellation refunds</h2>
          <p role="status">
            {formatCount(e.progress.refunded)} of {formatCount(e.progress.orders)} orders refunded · {formatCount(e.progress.pending)} pending ·{" "}
            {formatCount(e.progress.waiting)} not started
          </p>
          <progress max={Math.max(1, e.progress.orders)} value={e.progress.refunded} aria-label="Orders refunded" />
          {e.progress.paidAtDoor > 0 ? (
            <p>
              {formatCount(e.progress.paidAtDoor)} {e.progress.paidAtDoor === 1 ? "order was" : "orders were"} paid at the box office (cash or card terminal):
              their refunds are recorded, and the money is handed back at the box office.{" "}
              <Link href={`${orgPath(organizationId, "/orders")}?${new URLSearchParams({ eventId: e.id, channel: "BOX_OFFICE" })}`}>
                List the box-office orders
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <nav aria-label="Event pages" className="event-tabs">
        <Link href={`${base}/edit`}>Edit details</Link>
        <Link href={`${base}/ticket-types`}>Ticket types and prices</Link>
        <Link href={`${base}/vouchers`}>Vouchers</Link>
        <Link href={`${base}/waiting-room`}>Waiting room</Link>
        <Link href={`${base}/waiting-list`}>Waiting list</Link>
        <Link href={`${base}/checkin`}>Check-in</Link>
      </nav>
      {canManage && e.status !== "CANCELLED" ? (
        <div className="event-actions">
          {e.status === "DRAFT" ? (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => setDialog("publish")}>
              Publish
            </button>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={() => setDialog("unpublish")}>
              Unpublish
            </button>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => duplicate.mutate({ organizationId, eventId })}>
            Duplicate
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setDialog("cancel")}>
            Cancel event…
          </button>
        </div>
      ) : null}
      {failure ? (
        <p className="alert" role="alert">
          {failure.message}
        </p>
      ) : null}
      <ConfirmDialog
        open={dialog === "publish"}
        title="Publish this event?"
        onClose={close}
        confirmLabel="Publish"
        onConfirm={() => publish.mutate({ organizationId, eventId }, { onSettled: close })}
      >
        <p>It appears in the shop and sells from {formatDateTime(e.onSaleAt)}.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "unpublish"}
        title="Take this event off sale?"
        onClose={close}
        confirmLabel="Unpublish"
        onConfirm={() => unpublish.mutate({ organizationId, eventId }, { onSettled: close })}
      >
        <p>It disappears from the shop; sold tickets stay valid.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "cancel"}
        title="Cancel this event?"
        onClose={close}
        confirmLabel="Cancel event and refund everyone"
        confirmDisabled={!reason.trim() || cancel.isPending}
        onConfirm={() => cancel.mutate({ organizationId, eventId, reason }, { onSettled: close })}
      >
        <p>Every paid order is refunded in full and every buyer gets an e-mail. This cannot be undone.</p>
        <div className="field">
          <label htmlFor="cancel-reason">Message to buyers</label>
          <textarea id="cancel-reason" rows={3} maxLength={1000} value={reason} onChange={(ev) => setReason(ev.target.value)} />
        </div>
      </ConfirmDialog>
    </div>
  );
}
