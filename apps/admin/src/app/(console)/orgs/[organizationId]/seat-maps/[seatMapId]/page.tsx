import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SeatMapDetail } from "~/features/seat-maps/seat-map-detail.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Seat map" };

export default async function SeatMapPage({
  params,
  searchParams,
}: {
  params: Promise<{ organizationId: string; seatMapId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organizationId, seatMapId } = await params;
  const { saved } = await searchParams;
  await requireOrganization(organizationId, "event.manage");
  // The editor starts from the saved document, read once on the server.
  const seatMap = await getQueryClient()
    .fetchQuery(trpc.seatMap.get.queryOptions({ organizationId, seatMapId }))
    .catch(() => notFound());
  return <SeatMapDetail organizationId={organizationId} seatMap={seatMap} saved={saved === "created" || saved === "new-version" ? saved : null} />;
}
