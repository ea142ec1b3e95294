import { formatDateTime } from "@marquee/ui/format";
import Link from "next/link";
import { orgPath } from "~/lib/org-path.ts";
import { firstName, formatAge, PRIORITY_LABEL, STATUS_LABEL } from "./inbox-format.ts";
import type { TInboxListItem } from "./inbox-types.ts";
import { ChannelMark, SlaBadge } from "./sla-badge.tsx";

/** One conversation in the list: who and what on the first lines, then the facts an agent triages by. */
export function InboxRow({ item, organizationId, now }: { item: TInboxListItem; organizationId: string; now: number }) {
  const requester = item.requesterName ?? item.requesterEmail;
  return (
    <li className={`inbox-row${item.status === "OPEN" && !item.assignee ? " inbox-row-unassigned" : ""}`}>
      <div className="inbox-row-main">
        <div className="inbox-row-top">
          <ChannelMark channel={item.channel} />
          <span className="inbox-requester">{requester}</span>
          <time
            className="muted small inbox-age"
            dateTime={item.lastMessageAt.toISOString()}
            title={formatDateTime(item.lastMessageAt)}
            suppressHydrationWarning
          >
            {formatAge(item.lastMessageAt, now)}
          </time>
        </div>
        <Link className="inbox-row-link" href={orgPath(organizationId, `/inbox/${item.id}`)}>
          <span className="inbox-number">#{item.number}</span> {item.subject}
        </Link>
        <p className="muted small inbox-preview">{item.preview}</p>
        <div className="inbox-row-facts small">
          <SlaBadge sla={item.sla} now={now} />
          {item.priority === "HIGH" || item.priority === "URGENT" ? (
            <span className={`badge priority-${item.priority.toLowerCase()}`}>{PRIORITY_LABEL[item.priority]}</span>
          ) : null}
          {item.status === "SNOOZED" && item.snoozedUntil ? (
            <span className="badge">Snoozed until {formatDateTime(item.snoozedUntil)}</span>
          ) : item.status !== "OPEN" ? (
            <span className="badge">{STATUS_LABEL[item.status]}</span>
          ) : null}
          {item.waitingSince ? (
            <span className="muted" suppressHydrationWarning title={`Waiting since ${formatDateTime(item.waitingSince)}`}>
              Waiting {formatAge(item.waitingSince, now)}
            </span>
          ) : null}
          {item.labels.map((label) => (
            <span key={label} className="inbox-label">
              {label}
            </span>
          ))}
          {item.orderReference ? <span className="muted">Order {item.orderReference}</span> : null}
          <span className="muted inbox-assignee">{item.assignee ? firstName(item.assignee) : "Unassigned"}</span>
        </div>
      </div>
    </li>
  );
}
