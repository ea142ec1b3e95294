"use client";

import { ZInboxView } from "@marquee/api/services/inbox/inbox-schemas";
import { formatCount } from "@marquee/ui/format";
import Link from "next/link";
import { VIEW_HINT, VIEW_LABEL } from "./inbox-format.ts";
import { inboxHref, type TInboxSearch } from "./inbox-search.ts";

/** The views (Open, Pending, …) with their counts: a column on a desktop, one row that scrolls sideways on a phone. */
export function InboxViews({
  organizationId,
  search,
  counts,
}: {
  organizationId: string;
  search: TInboxSearch;
  counts: Partial<Record<string, number>> | undefined;
}) {
  return (
    <nav aria-label="Inbox views" className="inbox-views">
      <ul>
        {ZInboxView.options.map((view) => {
          const count = counts?.[view];
          return (
            <li key={view}>
              <Link
                href={inboxHref(organizationId, { ...search, view })}
                aria-current={search.view === view ? "page" : undefined}
                className={`inbox-view-link${view === "breached" && count ? " inbox-view-breached" : ""}`}
                title={VIEW_HINT[view]}
              >
                <span>{VIEW_LABEL[view]}</span>
                {count === undefined ? null : <span className="inbox-count">{formatCount(count)}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
