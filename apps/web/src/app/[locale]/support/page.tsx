import type { Metadata } from "next";
import { ContactForm } from "~/components/support/contact-form.tsx";
import { ConversationList } from "~/components/support/conversation-list.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/support.css";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.support.title };
}

/** "Contact support": a new conversation (about `?order=<id>` from the confirmation page, else an event) and the buyer's earlier ones. */
export default async function SupportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { m } = await getI18n();
  const { order } = await searchParams;
  const orderId = typeof order === "string" && UUID.test(order) ? order : null;
  return (
    <div className="support-page">
      <h1>{m.support.title}</h1>
      <p className="muted support-intro">{m.support.intro}</p>
      <div className="support-layout">
        <ContactForm orderId={orderId} />
        <ConversationList />
      </div>
    </div>
  );
}
