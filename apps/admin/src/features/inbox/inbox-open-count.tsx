"use client";

import { formatCount } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import "./inbox.css";

/**
 * The menu's open-conversation count beside "Inbox": inbox.counts (six indexed counts), read at most
 * once a minute per tab; the inbox's own live hook refreshes it while the inbox is open.
 */
export function InboxOpenCount({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const counts = useQuery({ ...trpc.inbox.counts.queryOptions({ organizationId, assignee: "all" }), staleTime: 60_000, refetchInterval: 60_000 });
  const open = counts.data?.open;
  if (!open) return null;
  return (
    <span className="nav-count">
      {" "}
      {formatCount(open)}
      <span className="visually-hidden"> open</span>
    </span>
  );
}
