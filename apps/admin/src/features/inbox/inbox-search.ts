import { ZInboxAssigneeFilter, ZInboxView, ZLabel, type TInboxView } from "@marquee/api/services/inbox/inbox-schemas";
import { z } from "zod";
import { orgPath } from "~/lib/org-path.ts";

/** The inbox list's state as it stands in the URL (?view=&assignee=&q=&label=), so a view can be shared or reloaded. */
export interface TInboxSearch {
  view: TInboxView;
  /** "mine", "unassigned", "all" or one agent's id. */
  assignee: string;
  q?: string;
  label?: string;
}

const ZSearch = z.object({
  view: ZInboxView.catch("open"),
  assignee: ZInboxAssigneeFilter.catch("all"),
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  label: ZLabel.optional().catch(undefined),
});

/** The URL's filters; a malformed one falls back to its default rather than failing the page. */
export function parseInboxSearch(params: Record<string, string | string[] | undefined>): TInboxSearch {
  const first = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]));
  return ZSearch.parse(first);
}

export const INBOX_PAGE_SIZE = 25;

/** inbox.list's input for the filters (the first page; the list pages on with its cursor). */
export function inboxListInput(organizationId: string, search: TInboxSearch) {
  return { organizationId, view: search.view, assignee: search.assignee, q: search.q, label: search.label, limit: INBOX_PAGE_SIZE };
}

/** The inbox's address with these filters (defaults left out, so the plain inbox stays /inbox). */
export function inboxHref(organizationId: string, search: TInboxSearch): string {
  const params = new URLSearchParams();
  if (search.view !== "open") params.set("view", search.view);
  if (search.assignee !== "all") params.set("assignee", search.assignee);
  if (search.q) params.set("q", search.q);
  if (search.label) params.set("label", search.label);
  const query = params.toString();
  return orgPath(organizationId, "/inbox") + (query ? `?${query}` : "");
}
