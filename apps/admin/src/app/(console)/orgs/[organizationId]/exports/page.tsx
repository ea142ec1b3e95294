import type { Metadata } from "next";
import { ExportPanel } from "~/features/exports/export-panel.tsx";
import { InvoiceExportPanel } from "~/features/exports/invoice-export-panel.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "order.manage");
  await getQueryClient().prefetchQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>Exports</h1>
      <div className="stack">
        <ExportPanel organizationId={organizationId} />
        <InvoiceExportPanel organizationId={organizationId} />
      </div>
    </HydrateClient>
  );
}
