import { readFulfilmentEnv } from "@marquee/api/env";
import type { Metadata } from "next";
import { BoxOffice } from "~/features/box-office/box-office.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Box office" };

export default async function BoxOfficePage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  await requireOrganization(organizationId, "boxoffice.sell");
  await getQueryClient().prefetchQuery(trpc.boxOffice.events.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>Box office</h1>
      <BoxOffice organizationId={organizationId} documentOrigin={readFulfilmentEnv().WEB_URL} />
    </HydrateClient>
  );
}
