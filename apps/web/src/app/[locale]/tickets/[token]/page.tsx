import type { Metadata } from "next";
import { TransferredTicketView } from "~/components/tickets/transferred-ticket-view.tsx";
import { getI18n } from "~/i18n/server.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

// Per request: the token is checked and the ticket's current state read every time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  // The path carries a bearer token: keep it out of search engines and other sites' logs.
  return { title: m.tickets.page.title, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** A transferred ticket's page, opened from the signed link in its recipient's e-mail (no account needed). */
export default async function TicketPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await getQueryClient().prefetchQuery(trpc.ticket.byLink.queryOptions({ token }));
  return (
    <HydrateClient>
      <TransferredTicketView token={token} />
    </HydrateClient>
  );
}
