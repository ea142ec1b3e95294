import { roleCan } from "@marquee/api/permissions";
import type { Metadata } from "next";
import { InboxList } from "~/features/inbox/inbox-list.tsx";
import { inboxListInput, parseInboxSearch } from "~/features/inbox/inbox-search.ts";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ organizationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "support.answer");
  const search = parseInboxSearch(await searchParams);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.inbox.list.infiniteQueryOptions(inboxListInput(organizationId, search), { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    ),
    queryClient.prefetchQuery(trpc.inbox.counts.queryOptions({ organizationId, assignee: search.assignee })),
  ]);
  return (
    <HydrateClient>
      <h1>Inbox</h1>
      <InboxList organizationId={organizationId} search={search} canConfigure={roleCan(membership.role, "organization.manage")} />
    </HydrateClient>
  );
}
