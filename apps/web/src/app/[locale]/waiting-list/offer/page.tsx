import type { Metadata } from "next";
import { WaitingListOffer } from "~/components/waiting-list/waiting-list-offer.tsx";
import { getI18n } from "~/i18n/server.ts";

// Per request: it reads the visitor (language). The offer's token is in the URL's fragment, read in the browser only.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.waitingList.offerTitle, robots: { index: false } };
}

/** The page the waiting list's offer e-mail links to: what is kept for the buyer, "Get my tickets" → checkout. */
export default function WaitingListOfferPage() {
  return (
    <div className="narrow">
      <WaitingListOffer />
    </div>
  );
}
