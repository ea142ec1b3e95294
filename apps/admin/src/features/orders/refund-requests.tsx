"use client";

import { formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";

/** Buyers' pending refund requests: approve (the refund runs) or decline with a note the buyer sees. */
export function RefundRequests({ organizationId, canDecide }: { organizationId: string; canDecide: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const requests = useQuery(trpc.refundRequest.list.queryOptions({ organizationId }));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const done = () => void queryClient.invalidateQueries({ queryKey: trpc.refundRequest.list.queryKey() });
  const approve = useMutation(trpc.refundRequest.approve.mutationOptions({ onSuccess: done }));
  const decline = useMutation(trpc.refundRequest.decline.mutationOptions({ onSuccess: done }));

  if (requests.isPending) return null;
  if (requests.isError) return <QueryError error={requests.error} onRetry={() => void requests.refetch()} />;
  if (requests.data.length === 0) return null;
  const failure = approve.error ?? decline.error;
  return (
    <section aria-labelledby="refund-requests-heading" className="card stack">
      <h2 id="refund-requests-heading">Refund requests ({requests.data.length})</h2>
      {failure ? (
        <p className="alert" role="alert">
          {failure.message}
        </p>
      ) : null}
      <ul className="plain-list stack">
        {requests.data.map((request) => (
          <li key={request.id} className="stack">
            <p>
              <Link href={`/orgs/${organizationId}/orders/${request.orderId}`}>{request.order.reference}</Link> · {request.order.buyerName} ·{" "}
              {request.event.name} · {request.ticketIds.length} ticket(s) of {formatPrice(request.order.totalMinor, request.order.currency)}
            </p>
            <p className="muted">“{request.reason}”</p>
            {canDecide ? (
              <div className="actions-row">
                <label htmlFor={`note-${request.id}`} className="visually-hidden">
                  Note to the buyer for {request.order.reference}
                </label>
                <input
                  id={`note-${request.id}`}
                  maxLength={1000}
                  placeholder="Note to the buyer"
                  value={notes[request.id] ?? ""}
                  onChange={(e) => setNotes((all) => ({ ...all, [request.id]: e.target.value }))}
                />
                <button
                  type="button"
                  className="button button-primary"
                  disabled={approve.isPending}
                  onClick={() => approve.mutate({ organizationId, requestId: request.id, note: notes[request.id] || undefined })}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={decline.isPending || !notes[request.id]?.trim()}
                  onClick={() => decline.mutate({ organizationId, requestId: request.id, note: notes[request.id] ?? "" })}
                >
                  Decline
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
