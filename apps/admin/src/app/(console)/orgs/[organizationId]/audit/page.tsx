import type { Metadata } from "next";
import { AuditFilters } from "~/features/audit/audit-filters.tsx";
import { auditListInput, parseAuditSearch } from "~/features/audit/audit-search.ts";
import { AuditTable } from "~/features/audit/audit-table.tsx";
import { orgPath, requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ organizationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "organization.manage");
  const search = parseAuditSearch(await searchParams);
  const path = orgPath(organizationId, "/audit");
  await getQueryClient().prefetchQuery(trpc.audit.list.queryOptions(auditListInput(organizationId, search)));
  return (
    <HydrateClient>
      <h1>Audit log</h1>
      <div className="stack">
        <AuditFilters action={path} search={search} />
        <AuditTable organizationId={organizationId} path={path} search={search} />
      </div>
    </HydrateClient>
  );
}
