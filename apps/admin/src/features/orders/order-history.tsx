"use client";

import { formatDateTime, formatPrice } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "~/components/query-error.tsx";

/** Payments, e-mails sent and the audit trail of one order; refreshed every 2 s until `refreshUntil` (epoch ms) while a refund settles. */
export function OrderHistory({
  organizationId,
  orderId,
  channelLabels,
  refreshUntil = 0,
}: {
  organizationId: string;
  orderId: string;
  channelLabels: Record<string, string>;
  refreshUntil?: number;
}) {
  const trpc = useTRPC();
  const activity = useQuery({
    ...trpc.order.activity.queryOptions({ organizationId, orderId }),
    refetchInterval: () => (Date.now() < refreshUntil ? 2_000 : false),
  });
  if (activity.isPending) return <p className="muted">Loading the history…</p>;
  if (activity.isError) return <QueryError error={activity.error} onRetry={() => void activity.refetch()} />;
  const a = activity.data;
  return (
    <>
      <section className="card stack" aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payments</h2>
        <p className="muted small">
          Sold {channelLabels[a.channel] ?? a.channel} · refunded {a.refundedMinor / 100} · still refundable {a.refundableMinor / 100}
        </p>
        <ul className="plain-list">
          {a.payments.map((p) => (
            <li key={p.id}>
              {p.provider} · {p.status.toLowerCase()} · {formatPrice(p.amountMinor, p.currency)} ·{" "}
              <time dateTime={p.createdAt.toISOString()}>{formatDateTime(p.createdAt)}</time>
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="emails-heading">
        <h2 id="emails-heading">E-mails sent</h2>
        {a.emails.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="plain-list" data-testid="order-emails">
            {a.emails.map((email) => (
              <li key={email.key}>
                {email.kind} to <span className="break-all">{email.to}</span> ·{" "}
                <time dateTime={email.sentAt.toISOString()}>{formatDateTime(email.sentAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit trail</h2>
        {a.audit.length === 0 ? (
          <p className="muted">Nothing recorded.</p>
        ) : (
          <ul className="plain-list" data-testid="order-audit">
            {a.audit.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time> · <strong>{entry.action}</strong> by{" "}
                {entry.actorEmail ?? entry.actorKind}
                {entry.ip ? ` from ${entry.ip}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
