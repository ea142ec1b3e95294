import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConversationView } from "~/features/inbox/conversation-view.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ organizationId: string; conversationId: string }> }) {
  const { organizationId, conversationId } = await params;
  const { user } = await requireOrganization(organizationId, "support.answer");
  if (!z.uuid().safeParse(conversationId).success) notFound();
  // Read once on the server: another organisation's conversation (or none) is a 404 page, like a missing one.
  await getQueryClient()
    .fetchQuery(trpc.inbox.get.queryOptions({ organizationId, conversationId }))
    .catch((error: unknown) => {
      // tRPC's error (thrown by the server-side caller) names its code; anything else is a real failure.
      const code = error instanceof Error && "code" in error ? error.code : null;
      if (code === "NOT_FOUND" || code === "BAD_REQUEST") notFound();
      throw error;
    });
  return (
    <HydrateClient>
      <ConversationView organizationId={organizationId} conversationId={conversationId} userId={user.id} />
    </HydrateClient>
  );
}
