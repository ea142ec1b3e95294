import type { Metadata } from "next";
import { ConversationThread } from "~/components/support/conversation-thread.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/support.css";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.support.title, robots: { index: false } };
}

/** One conversation: fetched in the browser, which holds the guest's access token. */
export default async function SupportConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  return (
    <div className="support-page">
      <ConversationThread conversationId={conversationId} />
    </div>
  );
}
